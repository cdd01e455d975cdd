import { Module } from '@nestjs/common';
import { FeedKeys } from './feed-keys';
import { FeedStore } from './feed-store';

/** The Redis side of feeds, with no feature dependencies: both the fan-out and the feed use it. */
@Module({ providers: [FeedKeys, FeedStore], exports: [FeedKeys, FeedStore] })
export class FeedStoreModule {}
