import { Module } from '@nestjs/common';
import { ArticlesDataModule } from '../articles/articles-data.module';
import { ArticlesModule } from '../articles/articles.module';
import { FollowsDataModule } from '../follows/follows-data.module';
import { MutedWordsDataModule } from '../muted-words/muted-words-data.module';
import { RankingModule } from '../ranking/ranking.module';
import { SignalsModule } from '../signals/signals.module';
import { UsersDataModule } from '../users/users-data.module';
import { FanoutWatermarks } from './fanout-watermarks';
import { FeedMaintenanceService } from './feed-maintenance.service';
import { FeedSourceService } from './feed-source.service';
import { FeedStoreModule } from './feed-store.module';
import { CatchUpController } from './catch-up.controller';
import { CatchUpService } from './catch-up.service';
import { FeedController } from './feed.controller';
import { FeedReadRoute } from './feed-read.route';
import { FeedService } from './feed.service';
import { FeedWriterService } from './feed-writer.service';
import { PastWindowReader } from './past-window-reader';
import { RankedSnapshots } from './ranked-snapshots';
import { RankedTopService } from './ranked-top.service';
import { ReadContextService } from './read-context.service';
import { WindowPages } from './window-pages';
import { FeedEventAudience } from './stream/feed-event-audience';
import { FeedEventSubscriber } from './stream/feed-event-subscriber';
import { FeedEventsModule } from './stream/feed-events.module';
import { FeedStreamBacklog } from './stream/feed-stream-backlog';
import { FeedStreamHub } from './stream/feed-stream-hub';
import { FeedStreamController } from './stream/feed-stream.controller';
import { FeedStreamService } from './stream/feed-stream.service';
import { StreamLoginCheck } from './stream/stream-login-check';
import { StreamSlots } from './stream/stream-slots';
import { RevokedSessionsStore } from '../auth/revoked-sessions.store';

@Module({
  imports: [
    FeedStoreModule,
    ArticlesModule,
    FeedEventsModule,
    SignalsModule,
    ArticlesDataModule,
    FollowsDataModule,
    MutedWordsDataModule,
    UsersDataModule,
    RankingModule,
  ],
  controllers: [FeedController, CatchUpController, FeedStreamController],
  providers: [
    FanoutWatermarks,
    FeedSourceService,
    ReadContextService,
    RankedTopService,
    WindowPages,
    PastWindowReader,
    FeedService,
    FeedReadRoute,
    CatchUpService,
    FeedMaintenanceService,
    FeedWriterService,
    RankedSnapshots,
    FeedEventSubscriber,
    FeedEventAudience,
    FeedStreamHub,
    FeedStreamBacklog,
    FeedStreamService,
    StreamSlots,
    StreamLoginCheck,
    RevokedSessionsStore,
  ],
  exports: [FeedMaintenanceService, FeedWriterService, FeedSourceService, CatchUpService],
})
export class FeedModule {}
