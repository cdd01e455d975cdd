import { Processor, WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { IdempotencyKeysRepository } from '../articles/idempotency-keys.repository';
import { JobsOf, QUEUE } from '../infra/queues/job-catalogue';
import { JobProducer } from '../infra/queues/job-producer.service';
import { RETRYING_WORKER_SETTINGS } from '../infra/queues/job-retry-policy';
import { FanoutOutboxDrain } from './fanout-outbox-drain.service';
import { FanoutSweep } from './fanout-sweep.service';

// The drain is the fallback of the API's own enqueue after commit: its period bounds the extra delay
// of a fan-out whose API died. The sweep only finds what failed for good.
const DRAIN_EVERY_MS = 5_000;
const SWEEP_EVERY_MS = 60_000;
const PRUNE_KEYS_EVERY_MS = 3600_000;
const PRUNE_KEYS_BATCH = 5000;
// One run deletes at most this many batches; the next hour's run takes the rest.
const PRUNE_KEYS_MAX_BATCHES = 100;

/** The periodic fan-out upkeep jobs: scheduled by every worker at start (idempotent), run by one of them. */
@Processor(QUEUE.fanoutUpkeep, { settings: RETRYING_WORKER_SETTINGS })
export class FanoutUpkeepProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly handlers: { [N in JobsOf<'fanout-upkeep'>]: () => Promise<unknown> };

  constructor(
    drain: FanoutOutboxDrain,
    sweep: FanoutSweep,
    private readonly idempotencyKeys: IdempotencyKeysRepository,
    private readonly jobs: JobProducer,
  ) {
    super();
    this.handlers = {
      'fanout.drain-outbox': () => drain.drain(),
      'fanout.sweep': () => sweep.sweep(),
      'fanout.prune-idempotency-keys': () => this.pruneIdempotencyKeys(),
    };
  }

  /** How many expired idempotency keys went. */
  async pruneIdempotencyKeys(): Promise<number> {
    let deleted = 0;
    for (let batch = 0; batch < PRUNE_KEYS_MAX_BATCHES; batch++) {
      const gone = await this.idempotencyKeys.deleteExpired(PRUNE_KEYS_BATCH);
      deleted += gone;
      if (gone < PRUNE_KEYS_BATCH) break;
    }
    return deleted;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.schedule('fanout.drain-outbox', DRAIN_EVERY_MS);
    await this.jobs.schedule('fanout.sweep', SWEEP_EVERY_MS);
    await this.jobs.schedule('fanout.prune-idempotency-keys', PRUNE_KEYS_EVERY_MS);
  }

  process(job: Job): Promise<unknown> {
    const handler = this.handlers[job.name as JobsOf<'fanout-upkeep'>];
    if (!handler) throw new Error(`no handler for job ${job.name}`);
    return handler();
  }
}
