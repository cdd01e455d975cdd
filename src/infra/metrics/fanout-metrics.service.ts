import { Injectable, Logger } from '@nestjs/common';
import type { JobPayloads } from '../queues/job-catalogue';
import { QUEUE } from '../queues/job-catalogue';
import { JobProducer } from '../queues/job-producer.service';
import { Metrics } from './metrics';

type ChunkFacts = Pick<JobPayloads['fanout.chunk'], 'articleId' | 'version' | 'publishedAtSec'>;

// Due times of recent article versions; a fan-out has at most a few hundred chunks in flight.
const DUE_CACHE_SIZE = 1000;

/**
 * Fan-out deliveries and lag. Lag runs from the moment the version's plan job became due (its
 * enqueue time plus delay: the publish, the scheduled publishedAt, or an edit) rather than from
 * publishedAt alone, which would count an edit of an old article as hours of lag.
 */
@Injectable()
export class FanoutMetrics {
  private readonly logger = new Logger(FanoutMetrics.name);
  private readonly dueAtMs = new Map<string, Promise<number>>();

  constructor(
    private readonly metrics: Metrics,
    private readonly jobs: JobProducer,
  ) {}

  /** A chunk was written into `written` feeds; negative means a repeat that changed nothing. Never delays the job. */
  chunkWritten(chunk: ChunkFacts, written: number): void {
    if (written < 0) return;
    const writtenAtMs = Date.now();
    this.metrics.fanoutDeliveries.inc(written);
    this.dueAt(chunk)
      .then((due) => this.metrics.fanoutLag.observe(Math.max(0, writtenAtMs - due) / 1000))
      .catch((error: unknown) => this.logger.warn({ err: error }, 'fan-out lag not recorded'));
  }

  private dueAt(chunk: ChunkFacts): Promise<number> {
    // The deterministic plan job id of ArticleEventsService.
    const planJobId = `plan.${chunk.articleId}.v${chunk.version}`;
    let due = this.dueAtMs.get(planJobId);
    if (!due) {
      due = this.lookUpDueAt(planJobId, chunk.publishedAtSec * 1000);
      this.dueAtMs.set(planJobId, due);
      if (this.dueAtMs.size > DUE_CACHE_SIZE) this.dueAtMs.delete(this.dueAtMs.keys().next().value!);
    }
    return due;
  }

  private async lookUpDueAt(planJobId: string, publishedAtMs: number): Promise<number> {
    const plan = await this.jobs.queue(QUEUE.fanout).getJob(planJobId);
    // Plan jobs are removed an hour after completion; a chunk that late falls back to publishedAt.
    return plan ? plan.timestamp + (plan.delay ?? 0) : publishedAtMs;
  }
}
