import { Module } from '@nestjs/common';
import { FeedModule } from '../feed/feed.module';
import { TopicsModule } from '../topics/topics.module';
import { UsersDataModule } from '../users/users-data.module';
import { FollowsController } from './follows.controller';
import { FollowsDataModule } from './follows-data.module';
import { FollowsService } from './follows.service';
import { MutesController } from './mutes.controller';
import { MutesService } from './mutes.service';

@Module({
  imports: [FollowsDataModule, UsersDataModule, TopicsModule, FeedModule],
  controllers: [FollowsController, MutesController],
  providers: [FollowsService, MutesService],
})
export class FollowsModule {}
