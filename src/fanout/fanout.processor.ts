import { Processor, WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { alertPlanJob } from '../alerts/alert-jobs';
import { AppConfig } from '../infra/config/app-config';
import { JobPayloads, JobsOf, QUEUE } from '../infra/queues/job-catalogue';
import { RETRYING_WORKER_SETTINGS } from '../infra/queues/job-retry-policy';
import { JobProducer } from '../infra/queues/job-producer.service';
import { FanoutChunkService } from './fanout-chunk.service';
import { FanoutPlannerService } from './fanout-planner.service';

type Handlers = { [N in JobsOf<'fanout'>]: (payload: JobPayloads[N]) => Promise<unknown> };

/** Decodes fan-out jobs and hands them to their service; the logic lives there. */
@Processor(QUEUE.fanout, { lockDuration: 15_000, stalledInterval: 5_000, maxStalledCount: 5, settings: RETRYING_WORKER_SETTINGS })
export class FanoutProcessor extends WorkerHost implements OnApplicationBootstrap {
  // Typed as a full record of this queue's jobs: a job name without its handler does not compile.
  private readonly handlers: Handlers;

  constructor(
    planner: FanoutPlannerService,
    chunks: FanoutChunkService,
    private readonly config: AppConfig,
    jobs: JobProducer,
  ) {
    super();
    this.handlers = {
      // Alerts are planned where fan-out is: one path for publish, scheduled time and edits. Enqueued beside
      // the plan, not before it (a retry enqueues the same job id again).
      'fanout.plan': async (p) => (await Promise.all([planner.plan(p), jobs.enqueue(alertPlanJob(p.articleId, p.version))]))[0],
      'fanout.chunk': (p) => chunks.write(p),
    };
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.WORKER_CONCURRENCY;
  }

  process(job: Job): Promise<unknown> {
    const handler = this.handlers[job.name as JobsOf<'fanout'>] as ((p: unknown) => Promise<unknown>) | undefined;
    if (!handler) throw new Error(`no handler for job ${job.name}`);
    return handler(job.data);
  }
}
