import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AppConfig } from '../config/app-config';
import type { Cluster } from 'ioredis';
import { ALL_QUEUES } from './job-catalogue';
import { QUEUE_CLUSTER, QueueConnectionModule, queueConnection } from './queue-connection';
import { JobProducer } from './job-producer.service';
import { RetryPolicyCheck } from './retry-policy.check';

/** BullMQ with a hash-tagged prefix, so every queue key shares one slot on a Redis Cluster. */
export const queuePrefix = (config: AppConfig) => `{${config.REDIS_PREFIX}}`;

@Global()
@Module({
  imports: [
    DiscoveryModule,
    BullModule.forRootAsync({
      imports: [QueueConnectionModule],
      inject: [AppConfig, QUEUE_CLUSTER],
      useFactory: (config: AppConfig, cluster: Cluster | null) => ({
        prefix: queuePrefix(config),
        connection: queueConnection(config, cluster),
      }),
    }),
    BullModule.registerQueue(...ALL_QUEUES.map((name) => ({ name }))),
  ],
  providers: [JobProducer, RetryPolicyCheck],
  exports: [JobProducer, BullModule],
})
export class QueuesModule {}
