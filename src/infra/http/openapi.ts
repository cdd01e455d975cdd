import type { INestApplication } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { withProblemAnswers } from './api-problems';

/** The name of the security scheme of `?access_token=` (see AllowQueryToken). */
export const QUERY_TOKEN_SCHEME = 'access_token';

/** The OpenAPI 3 document of the app's routes; `npm run openapi` writes it to docs/openapi.json. */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('myNEWS API')
    .setDescription(
      'A personalised news feed of stories that matter to you. JSON in and out; errors are application/problem+json ' +
        '(the Problem schema). The whole contract, with paging, ETags, the live stream and limits: docs/api.md.',
    )
    .setVersion('1')
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description: 'accessToken from /v1/auth/login, /register or /refresh',
    })
    .addSecurity(QUERY_TOKEN_SCHEME, {
      type: 'apiKey',
      in: 'query',
      name: 'access_token',
      description: 'The access token as a query parameter, on the live stream only (EventSource cannot send headers); never logged',
    })
    .build();
  return withProblemAnswers(SwaggerModule.createDocument(app, config));
}

/** OpenAPI 3 at /docs-json and its UI at /docs. */
export function setupOpenApi(app: NestFastifyApplication): void {
  SwaggerModule.setup('docs', app, createOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
}
