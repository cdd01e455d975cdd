import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AppConfig } from '../config/app-config';
import { ALL_QUEUES } from './job-catalogue';
import { JobProducer } from './job-producer.service';
import { RetryPolicyCheck } from './retry-policy.check';

/** BullMQ with a hash-tagged prefix, so every queue key shares one slot on a Redis Cluster. */
export const queuePrefix = (config: AppConfig) => `{${config.REDIS_PREFIX}}`;

@Global()
@Module({
  imports: [
    DiscoveryModule,
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        prefix: queuePrefix(config),
        connection: { url: config.REDIS_URL, maxRetriesPerRequest: null },
      }),
    }),
    BullModule.registerQueue(...ALL_QUEUES.map((name) => ({ name }))),
  ],
  providers: [JobProducer, RetryPolicyCheck],
  exports: [JobProducer, BullModule],
})
export class QueuesModule {}
