import { DynamicModule, Module } from '@nestjs/common';
import { ArticlesDataModule } from '../articles/articles-data.module';
import { FeedSourceService } from '../feed/feed-source.service';
import { FollowsDataModule } from '../follows/follows-data.module';
import { FeedStoreModule } from '../feed/feed-store.module';
import { FeedWriterService } from '../feed/feed-writer.service';
import { ClockModule } from '../infra/clock/clock';
import { AppConfig } from '../infra/config/app-config';
import { ConfigModule } from '../infra/config/config.module';
import { DatabaseModule } from '../infra/database/database.module';
import { QueuesModule } from '../infra/queues/queues.module';
import { RedisModule } from '../infra/redis/redis.module';
import { ReaderSignalsService } from '../signals/reader-signals.service';
import { RankingModule } from '../ranking/ranking.module';
import { SignalsDataModule } from '../signals/signals-data.module';
import { UsersDataModule } from '../users/users-data.module';
import { FeedRebuilder } from './services/feed-rebuilder.service';
import { RebuildCheckpointStore } from './services/rebuild-checkpoint.service';

export interface CliNeeds {
  /** Postgres too; without it only Redis and the queues (jobs:* work while Postgres is down). */
  database: boolean;
}

/** The pieces of the app the operations commands use: no HTTP, no workers, no request logging. */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig, needs: CliNeeds): DynamicModule {
    const base = [ConfigModule.forRoot(config), ClockModule, RedisModule, QueuesModule];
    if (!needs.database) return { module: CliModule, imports: base };
    return {
      module: CliModule,
      imports: [
        ...base,
        DatabaseModule,
        FeedStoreModule,
        ArticlesDataModule,
        FollowsDataModule,
        SignalsDataModule,
        UsersDataModule,
        RankingModule,
      ],
      providers: [FeedSourceService, ReaderSignalsService, FeedWriterService, FeedRebuilder, RebuildCheckpointStore],
    };
  }
}
