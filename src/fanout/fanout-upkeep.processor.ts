import { Processor } from '@nestjs/bullmq';
import { IdempotencyKeysRepository } from '../articles/idempotency-keys.repository';
import { QUEUE } from '../infra/queues/job-catalogue';
import { JobProducer } from '../infra/queues/job-producer.service';
import { RETRYING_WORKER_SETTINGS } from '../infra/queues/job-retry-policy';
import { UpkeepProcessor } from '../infra/queues/upkeep-processor';
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

/** The periodic fan-out upkeep jobs. */
@Processor(QUEUE.fanoutUpkeep, { settings: RETRYING_WORKER_SETTINGS })
export class FanoutUpkeepProcessor extends UpkeepProcessor<'fanout-upkeep'> {
  constructor(drain: FanoutOutboxDrain, sweep: FanoutSweep, idempotencyKeys: IdempotencyKeysRepository, jobs: JobProducer) {
    super(jobs, {
      'fanout.drain-outbox': { everyMs: DRAIN_EVERY_MS, run: () => drain.drain() },
      'fanout.sweep': { everyMs: SWEEP_EVERY_MS, run: () => sweep.sweep() },
      'fanout.prune-idempotency-keys': { everyMs: PRUNE_KEYS_EVERY_MS, run: () => pruneExpiredKeys(idempotencyKeys) },
    });
  }
}

/** How many expired idempotency keys went. */
async function pruneExpiredKeys(idempotencyKeys: IdempotencyKeysRepository): Promise<number> {
  let deleted = 0;
  for (let batch = 0; batch < PRUNE_KEYS_MAX_BATCHES; batch++) {
    const gone = await idempotencyKeys.deleteExpired(PRUNE_KEYS_BATCH);
    deleted += gone;
    if (gone < PRUNE_KEYS_BATCH) break;
  }
  return deleted;
}
