import { WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Job, type Worker } from 'bullmq';
import { Metrics } from './metrics';

/**
 * Failed and stalled jobs of every BullMQ worker of this process, whatever its queue: a structured log line
 * each (job id, name, attempt, reason) and, for failures, the failure counter.
 */
@Injectable()
export class JobFailureMetrics implements OnApplicationBootstrap {
  private readonly logger = new Logger('Jobs');

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly metrics: Metrics,
  ) {}

  // Workers are created in the BullMQ module's onModuleInit, so they all exist by now.
  onApplicationBootstrap(): void {
    for (const worker of this.workers()) {
      worker.on('failed', (job: Job | undefined, error: Error) => {
        this.metrics.jobFailures.inc({ queue: worker.name, name: job?.name ?? 'unknown' });
        const attempts = job?.opts.attempts ?? 1;
        const entry = {
          queue: worker.name,
          jobId: job?.id,
          name: job?.name ?? 'unknown',
          attempt: job?.attemptsMade,
          attempts,
          reason: job?.failedReason ?? error?.message,
        };
        // A failure with attempts left is retried with backoff; the last one leaves the job failed for jobs:retry.
        if ((job?.attemptsMade ?? attempts) >= attempts) this.logger.error(entry, 'job failed for good');
        else this.logger.warn(entry, 'job attempt failed');
      });
      worker.on('stalled', (jobId: string) => {
        void this.logStalled(worker, jobId);
      });
    }
  }

  /** A stalled job's worker stopped renewing its lock (crashed or blocked); BullMQ moves it back to wait. */
  private async logStalled(worker: Worker, jobId: string): Promise<void> {
    const job = await Job.fromId(worker as unknown as Parameters<typeof Job.fromId>[0], jobId).catch(() => undefined);
    this.logger.warn(
      { queue: worker.name, jobId, name: job?.name ?? 'unknown', attempt: job?.attemptsMade, reason: 'stalled' },
      'job stalled',
    );
  }

  private workers(): Worker[] {
    return this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is WorkerHost => instance instanceof WorkerHost)
      .map((host) => host.worker);
  }
}
