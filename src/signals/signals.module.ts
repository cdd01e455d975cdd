import { Module } from '@nestjs/common';
import { FeedStoreModule } from '../feed/feed-store.module';
import { EventRateLimit } from './event-rate-limit';
import { FeedSignalsController } from './feed-signals.controller';
import { ReaderSignalsService } from './reader-signals.service';
import { ReadingHistoryService } from './reading-history.service';
import { SignalIngestionService } from './signal-ingestion.service';

/** Reader signals: POST /v1/feed/events, the affinities, hides and history folded from them. */
@Module({
  imports: [FeedStoreModule],
  controllers: [FeedSignalsController],
  providers: [SignalIngestionService, ReaderSignalsService, ReadingHistoryService, EventRateLimit],
  exports: [ReaderSignalsService, ReadingHistoryService],
})
export class SignalsModule {}
