import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AuthModule } from './auth/auth.module';
import { AppConfig } from './infra/config/app-config';
import { ClockModule } from './infra/clock/clock';
import { ConfigModule } from './infra/config/config.module';
import { DatabaseModule } from './infra/database/database.module';
import { HealthModule } from './infra/health/health.module';
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
import { MeListsModule } from './me-lists/me-lists.module';
import { MutedWordsModule } from './muted-words/muted-words.module';
import { AlertsModule } from './alerts/alerts.module';
import { PushModule } from './push/push.module';

function redactQueryToken<T extends { url?: string }>(req: T): T {
  if (req.url?.includes('access_token=')) req.url = req.url.replace(/([?&]access_token=)[^&]*/g, '$1[Redacted]');
  return req;
}

/** Plumbing every process needs: config, logging, Postgres, Redis, queues. */
export function infraImports(config: AppConfig) {
  return [
    ConfigModule.forRoot(config),
    ClockModule,
    LoggerModule.forRoot({
      pinoHttp: {
        level: config.LOG_LEVEL,
        autoLogging: config.NODE_ENV !== 'test',
        redact: ['req.headers.authorization', 'req.headers.cookie', 'req.query.access_token'],
        // The SSE route takes ?access_token= (EventSource cannot send headers): keep it out of logs.
        serializers: { req: redactQueryToken },
      },
      forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
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
        MeListsModule,
        MutedWordsModule,
        AlertsModule,
        PushModule,
        ...extra,
      ],
    };
  }
}
