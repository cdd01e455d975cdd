import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FeedModule } from '../feed/feed.module';
import { TopicsModule } from '../topics/topics.module';
import { Follow } from './follow.entity';
import { Mute } from './mute.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Follow, Mute]), TopicsModule, FeedModule],
})
export class FollowsModule {}
