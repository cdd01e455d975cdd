import { Module } from '@nestjs/common';
import { UsersDataModule } from '../users/users-data.module';
import { PushDataModule } from './push-data.module';
import { PushSubscriptionsService } from './push-subscriptions.service';
import { PushController } from './push.controller';

@Module({
  imports: [PushDataModule, UsersDataModule],
  controllers: [PushController],
  providers: [PushSubscriptionsService],
})
export class PushModule {}
