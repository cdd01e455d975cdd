import { Module } from '@nestjs/common';
import { ArticlesDataModule } from '../articles/articles-data.module';
import { FeedStoreModule } from '../feed/feed-store.module';
import { AlertEventsPublisher } from '../feed/stream/alert-events.publisher';
import { FeedEventsModule } from '../feed/stream/feed-events.module';
import { MutedWordsDataModule } from '../muted-words/muted-words-data.module';
import { PushDataModule } from '../push/push-data.module';
import { TopicsModule } from '../topics/topics.module';
import { AlertChunkService } from './alert-chunk.service';
import { AlertPlannerService } from './alert-planner.service';
import { AlertPushService } from './alert-push.service';
import { AlertsDataModule } from './alerts-data.module';
import { AlertsProcessor } from './alerts.processor';
import { AlertPushProcessor } from './alert-push.processor';

/** The alert consumers (worker processes), and the planner the fan-out plan job calls. */
@Module({
  imports: [AlertsDataModule, ArticlesDataModule, MutedWordsDataModule, TopicsModule, FeedStoreModule, FeedEventsModule, PushDataModule],
  providers: [AlertPlannerService, AlertChunkService, AlertPushService, AlertEventsPublisher, AlertsProcessor, AlertPushProcessor],
  exports: [AlertPlannerService, AlertChunkService],
})
export class AlertsWorkerModule {}
