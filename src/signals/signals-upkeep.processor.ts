import { Processor } from '@nestjs/bullmq';
import { QUEUE } from '../infra/queues/job-catalogue';
import { JobProducer } from '../infra/queues/job-producer.service';
import { RETRYING_WORKER_SETTINGS } from '../infra/queues/job-retry-policy';
import { UpkeepProcessor } from '../infra/queues/upkeep-processor';
import { FeedEventsPruner } from './feed-events-pruner';

const PRUNE_EVERY_MS = 3600_000;

/** Periodic upkeep of reader signals. */
@Processor(QUEUE.signalsUpkeep, { settings: RETRYING_WORKER_SETTINGS })
export class SignalsUpkeepProcessor extends UpkeepProcessor<'signals-upkeep'> {
  constructor(pruner: FeedEventsPruner, jobs: JobProducer) {
    super(jobs, { 'signals.prune-events': { everyMs: PRUNE_EVERY_MS, run: () => pruner.prune() } });
  }
}
