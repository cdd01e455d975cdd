import { Module } from '@nestjs/common';
import { ArticlesDataModule } from '../articles/articles-data.module';
import { EventRateLimit } from './event-rate-limit';
import { FeedSignalsController } from './feed-signals.controller';
import { ReaderSignalsService } from './reader-signals.service';
import { ReadingHistoryService } from './reading-history.service';
import { SignalIngestionService } from './signal-ingestion.service';
import { RankingModule } from '../ranking/ranking.module';
import { SignalsDataModule } from './signals-data.module';

/** Reader signals: POST /v1/feed/events, the affinities, hides and history folded from them. */
@Module({
  imports: [SignalsDataModule, ArticlesDataModule, RankingModule],
  controllers: [FeedSignalsController],
  providers: [SignalIngestionService, ReaderSignalsService, ReadingHistoryService, EventRateLimit],
  exports: [ReaderSignalsService, ReadingHistoryService],
})
export class SignalsModule {}
