import { alertJobIds } from '../infra/queues/job-catalogue';
import type { Enqueue } from '../infra/queues/job-producer.service';

/**
 * The alert plan of an article version, enqueued with the fan-out plan job after the article's commit
 * (delayed alike to its publish time) and again by the fan-out plan job itself: whatever makes an article
 * visible (publish, its scheduled time, an edit, the outbox drain) plans its fan-out there, so alerts
 * follow the same path.
 */
export const alertPlanJob = (articleId: string, version: number, delayMs?: number): Enqueue<'alerts.plan'> => ({
  name: 'alerts.plan',
  jobId: alertJobIds.plan(articleId, version),
  payload: { articleId, version },
  delayMs,
});
