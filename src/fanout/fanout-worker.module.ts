import { Module } from '@nestjs/common';
import { FeedStoreModule } from '../feed/feed-store.module';
import { FeedEventsModule } from '../feed/stream/feed-events.module';
import { FanoutChunkService } from './fanout-chunk.service';
import { FanoutPlannerService } from './fanout-planner.service';
import { FanoutProcessor } from './fanout.processor';

/** The fan-out consumers: loaded only by worker processes. */
@Module({
  imports: [FeedStoreModule, FeedEventsModule],
  providers: [FanoutPlannerService, FanoutChunkService, FanoutProcessor],
  exports: [FanoutPlannerService, FanoutChunkService],
})
export class FanoutWorkerModule {}
