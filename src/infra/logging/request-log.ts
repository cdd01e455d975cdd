import type { FastifyInstance } from 'fastify';
import type { Logger as Pino } from 'pino';

/**
 * One line per answered request, with its id, method, URL (redacted by the `req` serializer, log-redaction.ts),
 * status and time, written after the answer has gone out. Nothing is done per request when the line would not be
 * written (LOG_LEVEL above info, or tests): a per-request child logger with the whole request bound cost a feed
 * read about 5% of its CPU whether or not a line came of it.
 */
export class RequestLog {
  constructor(
    private readonly pino: Pino,
    private readonly enabled: boolean,
  ) {}

  register(fastify: FastifyInstance): void {
    if (!this.enabled || !this.pino.isLevelEnabled('info')) return;
    fastify.addHook('onResponse', (request, reply, done) => {
      this.pino.info(
        {
          req: { id: request.id, method: request.method, url: request.url },
          res: { statusCode: reply.statusCode },
          responseTime: Math.round(reply.elapsedTime),
        },
        'request completed',
      );
      done();
    });
  }
}
