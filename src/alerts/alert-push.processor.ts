import { Processor, WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { AppConfig } from '../infra/config/app-config';
import { JobPayloads, QUEUE } from '../infra/queues/job-catalogue';
import { RETRYING_WORKER_SETTINGS } from '../infra/queues/job-retry-policy';
import { AlertPushService } from './alert-push.service';

/** Web Push jobs on their own queue: many in flight (PUSH_CONCURRENCY), none taking a chunk job's slot. */
@Processor(QUEUE.alertsPush, { lockDuration: 15_000, stalledInterval: 5_000, maxStalledCount: 5, settings: RETRYING_WORKER_SETTINGS })
export class AlertPushProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly pushes: AlertPushService,
    private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.PUSH_CONCURRENCY;
  }

  process(job: Job): Promise<unknown> {
    if (job.name !== 'alerts.push') throw new Error(`no handler for job ${job.name}`);
    return this.pushes.send(job.data as JobPayloads['alerts.push']);
  }
}
