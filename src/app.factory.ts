import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { AppConfig } from './infra/config/app-config';
import { prepareDatabase } from './infra/database/prepare-database';
import { httpServerOptions } from './infra/http/http-server-options';
import { registerJsonBodyParser } from './infra/http/json-body';
import { rejectMalformedQueries } from './infra/http/request-url';
import { useSecurityHeaders } from './infra/http/security-headers';
import { AppLogger } from './infra/logging/app-logger';
import { RequestLog } from './infra/logging/request-log';
import { setupOpenApi } from './infra/http/openapi';
import { FeedReadRoute } from './feed/feed-read.route';
import { ProblemFilter } from './infra/http/problem.filter';
import { StrictValidationPipe } from './infra/http/validation.pipe';
import { registerOperations } from './infra/ops/operations';
import { registerWebReader } from './web-reader/web-reader';
import { ProcessorsModule, WorkerModule } from './worker.module';

export interface AppOptions {
  /** Also run the queue workers in this process (npm start, e2e tests). */
  workers: boolean;
}

/** The one HTTP app, as main.ts runs it and as the e2e tests drive it. */
export async function createApp(config: AppConfig, options: AppOptions): Promise<NestFastifyApplication> {
  await prepareDatabase(config.DATABASE_URL);
  // The options' frameworkErrors handler calls back into the adapter they build.
  const adapter: FastifyAdapter = new FastifyAdapter(httpServerOptions(config, () => adapter));
  const extra = options.workers ? [{ module: ProcessorsModule }] : [];
  // Nest's own body parsers would also take urlencoded forms; Fastify's built-in JSON parser is all we want.
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, extra), adapter, {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(AppLogger));
  configureHttp(app);
  registerOperations(app);
  registerWebReader(app);
  setupOpenApi(app);
  app.enableShutdownHooks();
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

function configureHttp(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  registerJsonBodyParser(fastify);
  rejectMalformedQueries(fastify);
  app.get(RequestLog).register(fastify);
  useSecurityHeaders(app);
  app.useGlobalPipes(new StrictValidationPipe());
  app.useGlobalFilters(new ProblemFilter());
  FeedReadRoute.install(app);
}

/** The workers alone, without an HTTP server. */
export async function createWorker(config: AppConfig): Promise<INestApplicationContext> {
  await prepareDatabase(config.DATABASE_URL);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(AppLogger));
  app.enableShutdownHooks();
  return app;
}
