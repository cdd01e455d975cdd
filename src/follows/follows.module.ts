import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FeedModule } from '../feed/feed.module';
import { TopicsModule } from '../topics/topics.module';
import { Follow } from './follow.entity';
import { FollowsController } from './follows.controller';
import { FollowsService } from './follows.service';
import { Mute } from './mute.entity';
import { MutesController } from './mutes.controller';
import { MutesService } from './mutes.service';

@Module({
  imports: [TypeOrmModule.forFeature([Follow, Mute]), TopicsModule, FeedModule],
  controllers: [FollowsController, MutesController],
  providers: [FollowsService, MutesService],
})
export class FollowsModule {}
