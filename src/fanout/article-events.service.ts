import { Injectable } from '@nestjs/common';
import type { Article } from '../articles/article.entity';
import { Clock } from '../infra/clock/clock';
import { jobIds } from '../infra/queues/job-catalogue';
import { JobProducer } from '../infra/queues/job-producer.service';

/**
 * What the articles feature tells the fan-out, after the change is committed. Each published
 * version gets one plan job (deterministic id), delayed to publishedAt for scheduled articles.
 * Retraction needs no job: the card cache says "retracted" and every read drops the entry.
 */
@Injectable()
export class ArticleEventsService {
  constructor(
    private readonly jobs: JobProducer,
    private readonly clock: Clock,
  ) {}

  async published(article: Article): Promise<void> {
    await this.planFanout(article);
  }

  /** Re-fans the new version: new topics reach their followers, a changed priority its new weight. */
  async edited(article: Article): Promise<void> {
    await this.planFanout(article);
  }

  private async planFanout(article: Article): Promise<void> {
    if (article.status !== 'published') return;
    await this.jobs.enqueue({
      name: 'fanout.plan',
      jobId: jobIds.plan(article.id, article.version),
      payload: { articleId: article.id, version: article.version },
      delayMs: article.publishedAt.getTime() - this.clock.nowMs(),
    });
  }
}
