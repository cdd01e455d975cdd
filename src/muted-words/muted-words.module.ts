import { Module } from '@nestjs/common';
import { UsersDataModule } from '../users/users-data.module';
import { MutedWordsController } from './muted-words.controller';
import { MutedWordsDataModule } from './muted-words-data.module';
import { MutedWordsService } from './muted-words.service';

@Module({
  imports: [MutedWordsDataModule, UsersDataModule],
  controllers: [MutedWordsController],
  providers: [MutedWordsService],
})
export class MutedWordsModule {}
