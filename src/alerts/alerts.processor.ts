import { Processor, WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { AppConfig } from '../infra/config/app-config';
import { JobPayloads, JobsOf, QUEUE } from '../infra/queues/job-catalogue';
import { RETRYING_WORKER_SETTINGS } from '../infra/queues/job-retry-policy';
import { AlertChunkService } from './alert-chunk.service';
import { AlertPlannerService } from './alert-planner.service';

type AlertJob = JobsOf<'alerts'>;
type Handlers = { [N in AlertJob]: (payload: JobPayloads[N], job: Job) => Promise<unknown> };

/** Decodes alert plan and chunk jobs and hands them to their service (pushes: alert-push.processor.ts). */
@Processor(QUEUE.alerts, { lockDuration: 15_000, stalledInterval: 5_000, maxStalledCount: 5, settings: RETRYING_WORKER_SETTINGS })
export class AlertsProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly handlers: Handlers;

  constructor(
    planner: AlertPlannerService,
    chunks: AlertChunkService,
    private readonly config: AppConfig,
  ) {
    super();
    this.handlers = {
      'alerts.plan': (p) => planner.plan(p),
      'alerts.chunk': (p, job) => chunks.create(p, job.attemptsStarted > 1),
    };
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.WORKER_CONCURRENCY;
  }

  process(job: Job): Promise<unknown> {
    const handler = this.handlers[job.name as AlertJob] as ((p: unknown, job: Job) => Promise<unknown>) | undefined;
    if (!handler) throw new Error(`no handler for job ${job.name}`);
    return handler(job.data, job);
  }
}
