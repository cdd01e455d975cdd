import { DynamicModule, Global, Inject, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pinoHttp, type HttpLogger, type Options } from 'pino-http';
import { AppLogger } from './app-logger';

const HTTP_LOGGER = Symbol('HTTP_LOGGER');

/**
 * One pino logger for the process: Nest's own log lines (AppLogger) and, in the HTTP app,
 * one line per request (pino-http) with its id, method, URL, status and time.
 */
@Global()
@Module({})
export class LoggingModule implements NestModule {
  static forRoot(options: Options): DynamicModule {
    const http = pinoHttp(options);
    return {
      module: LoggingModule,
      providers: [
        { provide: HTTP_LOGGER, useValue: http },
        { provide: AppLogger, useValue: new AppLogger(http.logger) },
      ],
      exports: [AppLogger],
    };
  }

  constructor(@Inject(HTTP_LOGGER) private readonly http: HttpLogger) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply((req: IncomingMessage, res: ServerResponse, next: () => void) => this.http(req, res, next))
      .forRoutes({ path: '{*splat}', method: RequestMethod.ALL });
  }
}
