import { WorkerHost } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Queue, type Worker } from 'bullmq';
import { logRedisErrors } from './redis';

/**
 * BullMQ's queues and workers re-emit their Redis clients' errors and, with no listener, print
 * them to stderr. Every one of this process gets the same logging as our own clients (redis.ts).
 */
@Injectable()
export class RedisErrorLogging implements OnApplicationBootstrap {
  constructor(private readonly discovery: DiscoveryService) {}

  // Queues and workers are created in the BullMQ module's onModuleInit, so they all exist by now.
  onApplicationBootstrap(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as unknown;
      if (instance instanceof Queue) logRedisErrors(instance, `queue:${instance.name}`);
      if (instance instanceof WorkerHost) {
        const worker = instance.worker as Worker | undefined;
        if (worker) logRedisErrors(worker, `worker:${worker.name}`);
      }
    }
  }
}
