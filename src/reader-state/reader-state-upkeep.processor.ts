import { Processor } from '@nestjs/bullmq';
import { QUEUE } from '../infra/queues/job-catalogue';
import { JobProducer } from '../infra/queues/job-producer.service';
import { RETRYING_WORKER_SETTINGS } from '../infra/queues/job-retry-policy';
import { UpkeepProcessor } from '../infra/queues/upkeep-processor';
import { REPAIR_SWEEP_EVERY_MS, ReaderStateRepairSweep } from './reader-state-repair-sweep';

/** Periodic upkeep of reader state: the repair record's sweep. */
@Processor(QUEUE.readerStateUpkeep, { settings: RETRYING_WORKER_SETTINGS })
export class ReaderStateUpkeepProcessor extends UpkeepProcessor<'reader-state-upkeep'> {
  constructor(sweep: ReaderStateRepairSweep, jobs: JobProducer) {
    super(jobs, { 'reader-state.sweep-repairs': { everyMs: REPAIR_SWEEP_EVERY_MS, run: () => sweep.sweep() } });
  }
}
