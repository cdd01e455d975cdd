import { WorkerHost } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { RETRYING_WORKER_SETTINGS } from './job-retry-policy';

/**
 * Fails start-up when a processor lacks the jobs' custom backoff strategy: without it BullMQ would
 * fail the job at its first retry ("Unknown backoff strategy"), at 3 a.m. rather than now.
 */
@Injectable()
export class RetryPolicyCheck implements OnApplicationBootstrap {
  constructor(private readonly discovery: DiscoveryService) {}

  onApplicationBootstrap(): void {
    const missing = this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is WorkerHost => instance instanceof WorkerHost)
      .map((host) => host.worker)
      .filter((worker) => worker.opts.settings?.backoffStrategy !== RETRYING_WORKER_SETTINGS.backoffStrategy)
      .map((worker) => worker.name);
    if (missing.length) {
      throw new Error(`processors of ${missing.join(', ')} lack { settings: RETRYING_WORKER_SETTINGS } (infra/queues/job-retry-policy.ts)`);
    }
  }
}
