import { Module } from '@nestjs/common';
import { FanoutWatermarksRepository } from './fanout-watermarks.repository';
import { FeedKeys } from './feed-keys';
import { FeedStore } from './feed-store';

/** The Redis side of feeds (and the Postgres side of its watermark), with no feature dependencies: both the fan-out and the feed use it. */
@Module({ providers: [FeedKeys, FeedStore, FanoutWatermarksRepository], exports: [FeedKeys, FeedStore, FanoutWatermarksRepository] })
export class FeedStoreModule {}
