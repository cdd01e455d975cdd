import { WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { JobsOf, PeriodicJobName, QueueName } from './job-catalogue';
import { JobProducer } from './job-producer.service';

/** Every periodic job of queue Q, with its period and what it runs. */
export type UpkeepJobs<Q extends QueueName> = {
  [N in JobsOf<Q> & PeriodicJobName]: { everyMs: number; run: () => Promise<unknown> };
};

/**
 * A queue of periodic upkeep jobs: every worker schedules them at start (idempotent: one scheduler per name), and
 * one worker runs each occurrence.
 */
export abstract class UpkeepProcessor<Q extends QueueName> extends WorkerHost implements OnApplicationBootstrap {
  protected constructor(
    private readonly producer: JobProducer,
    private readonly upkeep: UpkeepJobs<Q>,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const name of Object.keys(this.upkeep) as (JobsOf<Q> & PeriodicJobName)[])
      await this.producer.schedule(name, this.upkeep[name].everyMs);
  }

  process(job: Job): Promise<unknown> {
    const entry = (this.upkeep as Partial<Record<string, { run: () => Promise<unknown> }>>)[job.name];
    if (!entry) throw new Error(`no handler for job ${job.name}`);
    return entry.run();
  }
}
