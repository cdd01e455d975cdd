import type { Enqueue } from '../infra/queues/job-producer.service';

/** The one plan job of an article version: deterministic id, delayed to its publish time when scheduled. */
export function planJob(v: { articleId: string; version: number; dueAt: Date }, now = Date.now()): Enqueue<'fanout.plan'> {
  return {
    name: 'fanout.plan',
    jobId: planJobId(v.articleId, v.version),
    payload: { articleId: v.articleId, version: v.version },
    delayMs: v.dueAt.getTime() - now,
  };
}

export const planJobId = (articleId: string, version: number) => `plan.${articleId}.v${version}`;
