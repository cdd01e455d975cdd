import { WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Job, Worker } from 'bullmq';

/** Logs every failed job attempt of every worker of this process, as one structured line, final or not. */
@Injectable()
export class JobFailureLog implements OnApplicationBootstrap {
  private readonly logger = new Logger('Jobs');

  constructor(private readonly discovery: DiscoveryService) {}

  // Workers are created in the BullMQ module's onModuleInit, so they all exist by now.
  onApplicationBootstrap(): void {
    for (const worker of this.workers()) {
      worker.on('failed', (job: Job | undefined, err: Error) => {
        const attempts = job?.opts.attempts ?? 1;
        const attempt = job?.attemptsMade ?? 0;
        const entry = { queue: worker.name, jobId: job?.id, name: job?.name, attempt, attempts, final: attempt >= attempts, reason: err.message };
        if (entry.final) this.logger.error(entry, 'job failed for good');
        else this.logger.warn(entry, 'job attempt failed; it will be retried');
      });
    }
  }

  private workers(): Worker[] {
    return this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is WorkerHost => instance instanceof WorkerHost)
      .map((host) => host.worker);
  }
}
