import { Module } from '@nestjs/common';
import { FeedModule } from '../feed/feed.module';
import { FollowsDataModule } from '../follows/follows-data.module';
import { AdminUsersController } from './admin-users.controller';
import { MeController } from './me.controller';
import { UsersDataModule } from './users-data.module';
import { UsersService } from './users.service';

@Module({
  imports: [UsersDataModule, FollowsDataModule, FeedModule],
  controllers: [MeController, AdminUsersController],
  providers: [UsersService],
  exports: [UsersService],
})
export class UsersModule {}
