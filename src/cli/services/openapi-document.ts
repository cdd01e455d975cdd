import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from '../../app.module';
import type { AppConfig } from '../../infra/config/app-config';
import { createOpenApiDocument } from '../../infra/http/openapi';

/**
 * The document the API serves at /docs-json, as formatted JSON. Nest's preview mode builds the
 * module graph without instantiating providers, so no Postgres or Redis is needed.
 */
export async function renderOpenApiDocument(config: AppConfig): Promise<string> {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), new FastifyAdapter(), {
    preview: true,
    logger: false,
  });
  try {
    return `${JSON.stringify(createOpenApiDocument(app), null, 2)}\n`;
  } finally {
    await app.close();
  }
}
