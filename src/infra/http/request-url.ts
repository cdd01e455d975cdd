import type { FastifyInstance } from 'fastify';
import { Logger } from '@nestjs/common';
import { AppError } from './app-error';
import { sendProblem } from './problem.filter';

/** True when the query string has a % not followed by two hex digits, or escapes that are not UTF-8. */
export function hasMalformedPercentEncoding(query: string): boolean {
  try {
    decodeURIComponent(query);
    return false;
  } catch {
    return true;
  }
}

/**
 * Fastify's query parser decodes what it can and keeps the rest as typed, so `?q=%zz` would be
 * searched for literally; the contract says 400. (The path is checked by the router: frameworkErrors.)
 */
export function rejectMalformedQueries(fastify: FastifyInstance): void {
  const logger = new Logger('http');
  fastify.addHook('onRequest', (request, reply, done) => {
    const start = request.url.indexOf('?');
    if (start < 0 || !hasMalformedPercentEncoding(request.url.slice(start + 1))) return done();
    // Answered here, not thrown: plugin scopes (the dashboard) have error handlers of their own. A hook that
    // answers does not call done.
    const error = new AppError(400, 'VALIDATION_FAILED', 'The query string is not validly percent-encoded.', [
      { field: 'query', message: 'is not validly percent-encoded' },
    ]);
    sendProblem(error, request, reply, logger);
  });
}
