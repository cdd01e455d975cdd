import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { withProblemAnswers } from './api-problems';

/** OpenAPI 3 at /docs-json and its UI at /docs. */
export function setupOpenApi(app: NestFastifyApplication): void {
  const config = new DocumentBuilder()
    .setTitle('myNEWS API')
    .setDescription('A personalised news feed of stories that matter to you. Errors are application/problem+json.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  const document = withProblemAnswers(SwaggerModule.createDocument(app, config));
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
