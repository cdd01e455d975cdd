import { jobIds } from '../infra/queues/job-catalogue';
import type { Enqueue } from '../infra/queues/job-producer.service';

/** The one plan job of an article version: deterministic id, delayed to its publish time when scheduled. */
export function planJob(v: { articleId: string; version: number; dueAt: Date }, now = Date.now()): Enqueue<'fanout.plan'> {
  return {
    name: 'fanout.plan',
    jobId: jobIds.plan(v.articleId, v.version),
    payload: { articleId: v.articleId, version: v.version },
    delayMs: v.dueAt.getTime() - now,
  };
}
