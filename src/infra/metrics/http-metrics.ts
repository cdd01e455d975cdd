import type { FastifyInstance } from 'fastify';
import { answerMetrics } from './metrics-answer';
import type { Metrics } from './metrics';

/** Times every request by its route pattern (bounded label values) and serves GET /metrics. */
export function registerHttpMetrics(fastify: FastifyInstance, metrics: Metrics, token: string | undefined): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    metrics.httpDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });
  fastify.get('/metrics', async (request, reply) => {
    const answer = await answerMetrics(metrics, token, request.headers.authorization);
    return reply.status(answer.status).headers(answer.headers).send(answer.body);
  });
}
