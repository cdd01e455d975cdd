import { Processor, WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobsOf, QUEUE } from '../infra/queues/job-catalogue';
import { JobProducer } from '../infra/queues/job-producer.service';
import { RETRYING_WORKER_SETTINGS } from '../infra/queues/job-retry-policy';
import { FeedEventsPruner } from './feed-events-pruner';

const PRUNE_EVERY_MS = 3600_000;

/** Periodic upkeep of reader signals: scheduled by every worker at start (idempotent), run by one of them. */
@Processor(QUEUE.signalsUpkeep, { settings: RETRYING_WORKER_SETTINGS })
export class SignalsUpkeepProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly handlers: { [N in JobsOf<'signals-upkeep'>]: () => Promise<unknown> };

  constructor(
    pruner: FeedEventsPruner,
    private readonly jobs: JobProducer,
  ) {
    super();
    this.handlers = { 'signals.prune-events': () => pruner.prune() };
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.schedule('signals.prune-events', PRUNE_EVERY_MS);
  }

  process(job: Job): Promise<unknown> {
    const handler = this.handlers[job.name as JobsOf<'signals-upkeep'>];
    if (!handler) throw new Error(`no handler for job ${job.name}`);
    return handler();
  }
}
