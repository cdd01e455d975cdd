import { Injectable, Logger } from '@nestjs/common';
import { ArticlesRepository } from '../articles/articles.repository';
import { AppConfig } from '../infra/config/app-config';
import { alertJobIds, type JobPayloads } from '../infra/queues/job-catalogue';
import { JobProducer } from '../infra/queues/job-producer.service';
import { AlertsRepository } from './alerts.repository';

/** Splits the readers an article version may alert into chunk jobs (deterministic ids: a re-plan adds nothing). */
@Injectable()
export class AlertPlannerService {
  private readonly logger = new Logger(AlertPlannerService.name);

  constructor(
    private readonly articles: ArticlesRepository,
    private readonly alerts: AlertsRepository,
    private readonly jobs: JobProducer,
    private readonly config: AppConfig,
  ) {}

  async plan({ articleId, version, replay }: JobPayloads['alerts.plan']): Promise<{ skipped?: string; chunks: number }> {
    const head = await this.articles.fanoutHead(articleId);
    if (!head || head.status !== 'published') return { skipped: 'not published', chunks: 0 };
    if (head.version !== version) return { skipped: 'superseded by a newer version', chunks: 0 };
    const ranges = await this.alerts.candidateRanges(head, this.config.ALERT_CHUNK_SIZE);
    await this.jobs.enqueueMany(
      ranges.map((r) => ({
        name: 'alerts.chunk' as const,
        jobId: alertJobIds.chunk(articleId, version, r.after, replay),
        payload: { articleId, version, after: r.after, last: r.last },
      })),
    );
    this.logger.log({ articleId, version, chunks: ranges.length }, 'alerts planned');
    return { chunks: ranges.length };
  }
}
