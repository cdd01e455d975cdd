import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../infra/clock/clock';
import { JobProducer } from '../infra/queues/job-producer.service';
import { FanoutOutboxRepository } from './fanout-outbox.repository';
import { planJob } from './plan-job';

const BATCH = 500;

/**
 * Enqueues the plan jobs of intents no API process enqueued. A row is marked only after its job is
 * in the queue; a job enqueued twice (the API's fast path and this) is one job, by its id.
 */
@Injectable()
export class FanoutOutboxDrain {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: FanoutOutboxRepository,
    private readonly jobs: JobProducer,
    private readonly clock: Clock,
  ) {}

  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const drained = await this.db.transaction(async (m) => {
        const intents = await this.outbox.claimPending(m, BATCH);
        const now = this.clock.nowMs();
        await this.jobs.enqueueMany(intents.map((i) => planJob(i, now)));
        await this.outbox.markEnqueued(
          intents.map((i) => i.outboxId),
          m,
        );
        return intents.length;
      });
      total += drained;
      if (drained < BATCH) return total;
    }
  }
}
