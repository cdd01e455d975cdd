import { Module } from '@nestjs/common';
import { FeedStoreModule } from '../feed/feed-store.module';
import { FeedEventsModule } from '../feed/stream/feed-events.module';
import { FanoutChunkService } from './fanout-chunk.service';
import { FanoutModule } from './fanout.module';
import { FanoutOutboxDrain } from './fanout-outbox-drain.service';
import { FanoutSweep } from './fanout-sweep.service';
import { FanoutUpkeepProcessor } from './fanout-upkeep.processor';
import { FanoutPlannerService } from './fanout-planner.service';
import { FanoutProcessor } from './fanout.processor';

/** The fan-out consumers: loaded only by worker processes. */
@Module({
  imports: [FeedStoreModule, FeedEventsModule, FanoutModule],
  providers: [FanoutPlannerService, FanoutChunkService, FanoutProcessor, FanoutOutboxDrain, FanoutSweep, FanoutUpkeepProcessor],
  exports: [FanoutPlannerService, FanoutChunkService, FanoutOutboxDrain, FanoutSweep],
})
export class FanoutWorkerModule {}
