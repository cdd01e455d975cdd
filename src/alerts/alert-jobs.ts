import { alertJobIds } from '../infra/queues/job-catalogue';
import type { Enqueue } from '../infra/queues/job-producer.service';

/**
 * The alert plan of an article version, enqueued by the fan-out plan job: whatever makes an article
 * visible (publish, its scheduled time, an edit) plans its fan-out there, so alerts follow the same path.
 */
export const alertPlanJob = (articleId: string, version: number): Enqueue<'alerts.plan'> => ({
  name: 'alerts.plan',
  jobId: alertJobIds.plan(articleId, version),
  payload: { articleId, version },
});
