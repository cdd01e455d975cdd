import { DynamicModule, Global, Module } from '@nestjs/common';
import { pino, type LoggerOptions } from 'pino';
import { AppLogger } from './app-logger';
import { RequestLog } from './request-log';

/**
 * One pino logger for the process: Nest's own log lines (AppLogger) and, in the HTTP app,
 * one line per request (RequestLog) with its id, method, URL, status and time.
 */
@Global()
@Module({})
export class LoggingModule {
  static forRoot(options: LoggerOptions & { requestLines: boolean }): DynamicModule {
    const { requestLines, ...pinoOptions } = options;
    const logger = pino(pinoOptions);
    return {
      module: LoggingModule,
      providers: [
        { provide: AppLogger, useValue: new AppLogger(logger) },
        { provide: RequestLog, useValue: new RequestLog(logger, requestLines) },
      ],
      exports: [AppLogger, RequestLog],
    };
  }
}
