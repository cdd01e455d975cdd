import { AppError } from '../http/app-error';
import { toProblem } from '../http/problem';
import { mayReadMetrics } from './metrics-access';
import type { Metrics } from './metrics';

export interface PlainAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** GET /metrics, the same for the API (Fastify) and the worker (node:http). */
export async function answerMetrics(metrics: Metrics, token: string | undefined, authorization: string | undefined): Promise<PlainAnswer> {
  if (!mayReadMetrics(token, authorization)) {
    const { problem } = toProblem(new AppError(401, 'UNAUTHORIZED', 'The metrics need the METRICS_TOKEN as a Bearer token.'));
    return {
      status: 401,
      headers: { 'content-type': 'application/problem+json', 'www-authenticate': 'Bearer' },
      body: JSON.stringify(problem),
    };
  }
  const { contentType, body } = await metrics.exposition();
  return { status: 200, headers: { 'content-type': contentType, 'cache-control': 'no-store' }, body };
}
