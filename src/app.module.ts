import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from './auth/auth.module';
import { AppConfig } from './infra/config/app-config';
import { ClockModule } from './infra/clock/clock';
import { ConfigModule } from './infra/config/config.module';
import { DatabaseModule } from './infra/database/database.module';
import { LOG_REDACTION } from './infra/logging/log-redaction';
import { HealthModule } from './infra/health/health.module';
import { LoggingModule } from './infra/logging/logging.module';
import { MetricsModule } from './infra/metrics/metrics.module';
import { QueuesModule } from './infra/queues/queues.module';
import { RedisModule } from './infra/redis/redis.module';
import { UsersModule } from './users/users.module';
import { TopicsModule } from './topics/topics.module';
import { FollowsModule } from './follows/follows.module';
import { ArticlesModule } from './articles/articles.module';
import { FeedModule } from './feed/feed.module';
import { FanoutModule } from './fanout/fanout.module';
import { SignalsModule } from './signals/signals.module';
import { ReadingListsModule } from './reading-lists/reading-lists.module';
import { ReaderStateModule } from './reader-state/reader-state.module';
import { MutedWordsModule } from './muted-words/muted-words.module';
import { MarkersModule } from './markers/markers.module';
import { AlertsModule } from './alerts/alerts.module';
import { PushModule } from './push/push.module';

/** Plumbing every process needs: config, logging, Postgres, Redis, queues. */
export function infraImports(config: AppConfig) {
  return [
    ConfigModule.forRoot(config),
    ClockModule,
    LoggingModule.forRoot({
      level: config.LOG_LEVEL,
      requestLines: config.NODE_ENV !== 'test',
      // The SSE route takes ?access_token= (EventSource cannot send headers): keep it, and failed queries' values, out of logs.
      ...LOG_REDACTION,
    }),
    DatabaseModule,
    RedisModule,
    QueuesModule,
    MetricsModule,
  ];
}

/** The HTTP API. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, extra: DynamicModule[] = []): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...infraImports(config),
        HealthModule,
        AuthModule,
        UsersModule,
        TopicsModule,
        FollowsModule,
        ArticlesModule,
        FeedModule,
        FanoutModule,
        SignalsModule,
        ReadingListsModule,
        ReaderStateModule,
        MutedWordsModule,
        MarkersModule,
        AlertsModule,
        PushModule,
        ...extra,
      ],
    };
  }
}
