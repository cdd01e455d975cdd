import { Module } from '@nestjs/common';
import { FeedMarkersRepository } from './feed-markers.repository';

/** The feed_markers table, with no feature dependencies: the reader state loads the marker through it. */
@Module({ providers: [FeedMarkersRepository], exports: [FeedMarkersRepository] })
export class MarkersDataModule {}
