import { Injectable } from '@nestjs/common';
import { ArticlesRepository } from '../articles/articles.repository';
import { matchesMutedWords } from '../feed-rules/muted-words';
import type { AlertEvent } from '../feed/stream/alert-event-message';
import { AlertEventsPublisher } from '../feed/stream/alert-events.publisher';
import { Clock } from '../infra/clock/clock';
import { Metrics } from '../infra/metrics/metrics';
import type { JobPayloads } from '../infra/queues/job-catalogue';
import { MutedWordsRepository } from '../muted-words/muted-words.repository';
import { TopicsRepository } from '../topics/topics.repository';
import { AlertsRepository } from './alerts.repository';

/**
 * One chunk: create the alerts (idempotent: the unique key), then send on those not yet sent, then mark
 * them sent. A worker killed anywhere in between leaves alerts unsent, which the retry finds and sends:
 * nothing is lost, nothing is made twice (a stream may see an alert event twice; the list never does).
 */
@Injectable()
export class AlertChunkService {
  constructor(
    private readonly articles: ArticlesRepository,
    private readonly alerts: AlertsRepository,
    private readonly mutedWords: MutedWordsRepository,
    private readonly topics: TopicsRepository,
    private readonly events: AlertEventsPublisher,
    private readonly metrics: Metrics,
    private readonly clock: Clock,
  ) {}

  async create(job: JobPayloads['alerts.chunk']): Promise<{ skipped?: string; created: number; sent: number }> {
    const range = { after: job.after, last: job.last };
    const head = await this.articles.fanoutHead(job.articleId);
    // A newer version's own chunks cover the readers; an unpublished article alerts nobody.
    if (!head || head.status !== 'published') return { skipped: 'not published', created: 0, sent: 0 };
    if (head.version !== job.version) return { skipped: 'superseded by a newer version', created: 0, sent: 0 };
    const now = this.clock.now();
    const [topicIds, text, phrases] = await Promise.all([
      this.articles.topicIdsOf(job.articleId),
      this.articles.mutableTextOf(job.articleId),
      this.mutedWords.activePhrasesInRange(range, now),
    ]);
    const excluded = text ? [...phrases].filter(([, list]) => matchesMutedWords(text, list)).map(([userId]) => userId) : [];
    const created = await this.alerts.createForRange(
      { id: job.articleId, topicIds, breaking: head.priority === 'breaking' },
      range,
      excluded,
      now,
    );
    this.metrics.alertsCreated.inc(created);
    const unsent = await this.alerts.undispatched(job.articleId, range);
    if (!unsent.length) return { created, sent: 0 };
    const topics = new Map((await this.topics.viewsByIds([...new Set(unsent.map((a) => a.reasonTopicId))])).map((t) => [t.id, t]));
    const events: AlertEvent[] = unsent.flatMap((a) => {
      const topic = topics.get(a.reasonTopicId);
      return topic
        ? [
            {
              userId: a.userId,
              alertId: a.id,
              articleId: a.articleId,
              reason: { type: a.reasonType, topic: { slug: topic.slug, name: topic.name } },
            },
          ]
        : [];
    });
    await this.events.publish(events);
    await this.alerts.markDispatched(unsent.map((a) => a.id));
    return { created, sent: unsent.length };
  }
}
