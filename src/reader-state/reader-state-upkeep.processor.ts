import { Processor, WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobsOf, QUEUE } from '../infra/queues/job-catalogue';
import { JobProducer } from '../infra/queues/job-producer.service';
import { RETRYING_WORKER_SETTINGS } from '../infra/queues/job-retry-policy';
import { REPAIR_SWEEP_EVERY_MS, ReaderStateRepairSweep } from './reader-state-repair-sweep';

/** Periodic upkeep of reader state: scheduled by every worker at start (idempotent), run by one of them. */
@Processor(QUEUE.readerStateUpkeep, { settings: RETRYING_WORKER_SETTINGS })
export class ReaderStateUpkeepProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly handlers: { [N in JobsOf<'reader-state-upkeep'>]: () => Promise<unknown> };

  constructor(
    sweep: ReaderStateRepairSweep,
    private readonly jobs: JobProducer,
  ) {
    super();
    this.handlers = { 'reader-state.sweep-repairs': () => sweep.sweep() };
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.schedule('reader-state.sweep-repairs', REPAIR_SWEEP_EVERY_MS);
  }

  process(job: Job): Promise<unknown> {
    const handler = this.handlers[job.name as JobsOf<'reader-state-upkeep'>];
    if (!handler) throw new Error(`no handler for job ${job.name}`);
    return handler();
  }
}
