import { WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import { Queue, type ConnectionOptions, type Worker } from 'bullmq';
import type { Cluster } from 'ioredis';
import { AppConfig } from '../config/app-config';
import { createRedisClient, isCluster } from '../redis/redis';

export const QUEUE_CLUSTER = Symbol('QUEUE_CLUSTER');

/**
 * BullMQ opens a connection of its own per queue from options, but only for one Redis: on a cluster it takes a
 * Cluster client, shared by this process's queues and workers (each worker still duplicates it for its blocking
 * reads). BullMQ does not close a client it was handed, so the closer below does, after them.
 */
export function queueConnection(config: AppConfig, cluster: Cluster | null): ConnectionOptions {
  return cluster ?? { url: config.REDIS_URL, maxRetriesPerRequest: null };
}

@Injectable()
class QueueClusterCloser implements OnApplicationShutdown {
  constructor(
    @Inject(QUEUE_CLUSTER) private readonly cluster: Cluster | null,
    private readonly discovery: DiscoveryService,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (!this.cluster) return;
    // close() is idempotent in BullMQ: this waits for the closes Nest's BullMQ module starts (or starts them).
    const closing: Promise<void>[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as unknown;
      if (instance instanceof Queue) closing.push(instance.close());
      if (instance instanceof WorkerHost) {
        const worker = instance.worker as Worker | undefined;
        if (worker) closing.push(worker.close());
      }
    }
    await Promise.allSettled(closing);
    await this.cluster.quit().catch(() => this.cluster?.disconnect());
  }
}

@Module({
  imports: [DiscoveryModule],
  providers: [
    {
      provide: QUEUE_CLUSTER,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        if (!config.redisCluster) return null;
        // As BullMQ's own clients: no command timeout (its blocking reads wait longer) and no retry limit.
        const client = createRedisClient(config, { maxRetriesPerRequest: null, commandTimeout: undefined }, { name: 'queues' });
        return isCluster(client) ? client : null;
      },
    },
    QueueClusterCloser,
  ],
  exports: [QUEUE_CLUSTER],
})
export class QueueConnectionModule {}
