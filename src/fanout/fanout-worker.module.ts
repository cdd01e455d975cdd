import { Module } from '@nestjs/common';
import { ArticlesDataModule } from '../articles/articles-data.module';
import { FeedStoreModule } from '../feed/feed-store.module';
import { FeedEventsModule } from '../feed/stream/feed-events.module';
import { FollowsDataModule } from '../follows/follows-data.module';
import { RankingModule } from '../ranking/ranking.module';
import { SignalsDataModule } from '../signals/signals-data.module';
import { FanoutChunkCounts } from './fanout-chunk-counts';
import { FanoutChunkService } from './fanout-chunk.service';
import { FanoutModule } from './fanout.module';
import { FanoutOutboxDrain } from './fanout-outbox-drain.service';
import { FanoutSweep } from './fanout-sweep.service';
import { FanoutUpkeepProcessor } from './fanout-upkeep.processor';
import { FanoutPlannerService } from './fanout-planner.service';
import { FanoutProcessor } from './fanout.processor';

/** The fan-out consumers: loaded only by worker processes. */
@Module({
  imports: [FeedStoreModule, FeedEventsModule, ArticlesDataModule, FollowsDataModule, SignalsDataModule, RankingModule, FanoutModule],
  providers: [
    FanoutPlannerService,
    FanoutChunkService,
    FanoutChunkCounts,
    FanoutProcessor,
    FanoutOutboxDrain,
    FanoutSweep,
    FanoutUpkeepProcessor,
  ],
  exports: [FanoutPlannerService, FanoutChunkService, FanoutOutboxDrain, FanoutSweep],
})
export class FanoutWorkerModule {}
