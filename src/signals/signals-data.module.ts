import { Module } from '@nestjs/common';
import { AffinitiesRepository } from './affinities.repository';
import { FeedEventsRepository } from './feed-events.repository';
import { HidesRepository } from './hides.repository';
import { HistoryRepository } from './history.repository';
import { ReaderSignalsRepository } from './reader-signals.repository';

const REPOSITORIES = [AffinitiesRepository, FeedEventsRepository, HidesRepository, HistoryRepository, ReaderSignalsRepository];

/** The reader-signal tables (feed_events, topic_affinities, article_hides, reading_history), with no feature dependencies. */
@Module({ providers: REPOSITORIES, exports: REPOSITORIES })
export class SignalsDataModule {}
