import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Article } from '../articles/article.entity';
import { Clock } from '../infra/clock/clock';
import { JobProducer } from '../infra/queues/job-producer.service';
import { FanoutIntent, FanoutOutboxRepository } from './fanout-outbox.repository';
import { planJob } from './plan-job';
import { alertPlanJob } from '../alerts/alert-jobs';

/**
 * What the articles feature tells the fan-out. Each published version gets one plan job
 * (deterministic id), delayed to publishedAt for scheduled articles. The intent is written in the
 * article's transaction (the outbox) and enqueued right after the commit; if that enqueue never
 * happens (the process died, Redis failed) the workers' outbox drain enqueues it.
 * Retraction needs no job: the card cache says "retracted" and every read drops the entry.
 */
@Injectable()
export class ArticleEventsService {
  private readonly logger = new Logger(ArticleEventsService.name);

  constructor(
    private readonly jobs: JobProducer,
    private readonly outbox: FanoutOutboxRepository,
    private readonly clock: Clock,
  ) {}

  /** In the article's transaction, for a version that was published or edited while published. */
  async intend(m: EntityManager, article: Article): Promise<FanoutIntent | null> {
    if (article.status !== 'published') return null;
    return this.outbox.record(m, article);
  }

  /** After the commit: the fast path. A failure is only logged; the drain enqueues it within seconds. */
  async dispatch(intent: FanoutIntent | null): Promise<void> {
    if (!intent) return;
    try {
      const fanout = planJob(intent, this.clock.nowMs());
      // The alert plan goes out beside it rather than waiting for the fan-out plan job to run (which also
      // enqueues it, for the outbox drain's path; the job id makes the second a no-op).
      await Promise.all([this.jobs.enqueue(fanout), this.jobs.enqueue(alertPlanJob(intent.articleId, intent.version, fanout.delayMs))]);
      await this.outbox.markEnqueued([intent.outboxId]);
    } catch (err) {
      this.logger.warn(
        { articleId: intent.articleId, version: intent.version, reason: (err as Error).message },
        'fan-out enqueue failed; the outbox drain will enqueue it',
      );
    }
  }
}
