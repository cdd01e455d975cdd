import { WorkerHost } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Job, Worker } from 'bullmq';
import { Metrics } from './metrics';

/** Counts failed job attempts of every BullMQ worker of this process, whatever its queue. */
@Injectable()
export class JobFailureMetrics implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly metrics: Metrics,
  ) {}

  // Workers are created in the BullMQ module's onModuleInit, so they all exist by now.
  onApplicationBootstrap(): void {
    for (const worker of this.workers()) {
      worker.on('failed', (job: Job | undefined) => this.metrics.jobFailures.inc({ queue: worker.name, name: job?.name ?? 'unknown' }));
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
