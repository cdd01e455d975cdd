import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../infra/clock/clock';
import { JobProducer } from '../infra/queues/job-producer.service';
import { jobIds, QUEUE } from '../infra/queues/job-catalogue';
import { FanoutOutboxRepository } from './fanout-outbox.repository';
import { planJob } from './plan-job';

// An intent this long past both its due time and its enqueue should have been planned; a plan
// job that is merely queued or running is left alone (the job's own state says so).
const GRACE_MS = 2 * 60_000;
const BATCH = 500;
const KEEP_COMPLETED_MS = 7 * 86_400_000;

export interface SweepResult {
  requeued: number;
  retried: number;
  chunksRetried: number;
}

/**
 * Finds fan-outs that were enqueued but never completed: a plan job that failed for good (its
 * retries outlasted by an outage) is retried, one that Redis lost is enqueued again. Chunk jobs
 * that failed for good are retried too (every chunk write is idempotent).
 */
@Injectable()
export class FanoutSweep {
  private readonly logger = new Logger(FanoutSweep.name);

  constructor(
    private readonly outbox: FanoutOutboxRepository,
    private readonly jobs: JobProducer,
    private readonly clock: Clock,
  ) {}

  async sweep(now = this.clock.nowMs()): Promise<SweepResult> {
    const result: SweepResult = { requeued: 0, retried: 0, chunksRetried: 0 };
    const cutoff = new Date(now - GRACE_MS);
    for (const intent of await this.outbox.unfinished(cutoff, cutoff, BATCH)) {
      const job = await this.jobs.find('fanout.plan', jobIds.plan(intent.articleId, intent.version));
      if (!job) {
        await this.jobs.enqueue(planJob(intent, now));
        result.requeued++;
      } else if (await job.isFailed()) {
        await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
        result.retried++;
      }
    }
    const failed = await this.jobs.queue(QUEUE.fanout).getFailed(0, BATCH - 1);
    for (const job of failed) {
      if (job.name !== 'fanout.chunk' || (job.finishedOn ?? now) > now - GRACE_MS) continue;
      await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
      result.chunksRetried++;
    }
    await this.outbox.pruneCompleted(new Date(now - KEEP_COMPLETED_MS), BATCH);
    if (result.requeued || result.retried || result.chunksRetried) this.logger.warn(result, 'fan-out sweep restarted unfinished fan-outs');
    return result;
  }
}
