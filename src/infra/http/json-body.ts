import type { FastifyInstance } from 'fastify';
import { AppError } from './app-error';
import { exceedsJsonDepth, MAX_JSON_DEPTH } from './json-depth';

/**
 * The only body parser: JSON, refused when nested deeper than MAX_JSON_DEPTH before it is parsed,
 * then parsed by Fastify's own parser (which also strips __proto__ and constructor.prototype).
 */
export function registerJsonBodyParser(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (exceedsJsonDepth(body as string)) {
      done(new AppError(400, 'MALFORMED_JSON', `The body nests arrays or objects deeper than ${MAX_JSON_DEPTH} levels.`), undefined);
      return;
    }
    void parseJson(request, body as string, done);
  });
}
