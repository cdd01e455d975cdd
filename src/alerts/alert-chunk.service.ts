import { Injectable } from '@nestjs/common';
import { ArticlesRepository } from '../articles/articles.repository';
import { matchesMutedWords } from '../feed-rules/muted-words';
import type { AlertEvent } from '../feed/stream/alert-event-message';
import { AlertEventsPublisher } from '../feed/stream/alert-events.publisher';
import { Clock } from '../infra/clock/clock';
import { Metrics } from '../infra/metrics/metrics';
import { JobProducer } from '../infra/queues/job-producer.service';
import { alertJobIds, type JobPayloads } from '../infra/queues/job-catalogue';
import { MutedWordsRepository } from '../muted-words/muted-words.repository';
import { PushSubscriptionsRepository } from '../push/push-subscriptions.repository';
import { TopicsRepository } from '../topics/topics.repository';
import { AlertSettingsRepository } from './alert-settings.repository';
import { AlertsRepository, NewAlert } from './alerts.repository';
import { decidePushes } from './push-decision';

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
    private readonly settings: AlertSettingsRepository,
    private readonly subscriptions: PushSubscriptionsRepository,
    private readonly jobs: JobProducer,
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
    await this.pushOut(unsent, now);
    await this.events.publish(events);
    await this.alerts.markDispatched(unsent.map((a) => a.id));
    return { created, sent: unsent.length };
  }

  /**
   * Push decisions for readers with subscriptions: marked pushed first (so maxPerDay counts them), then one
   * job per alert and subscription (deterministic ids: a retried chunk enqueues nothing new).
   */
  private async pushOut(unsent: NewAlert[], now: Date): Promise<void> {
    const subscriptions = await this.subscriptions.ofUsers([...new Set(unsent.map((a) => a.userId))]);
    if (!subscriptions.length) return;
    const subscribed = new Set(subscriptions.map((s) => s.userId));
    const candidates = unsent.filter((a) => subscribed.has(a.userId));
    const decided = await this.alerts.alreadyPushed(candidates.map((a) => a.id));
    const fresh = candidates.filter((a) => !decided.has(a.id));
    const readers = [...new Set(fresh.map((a) => a.userId))];
    const [limits, pushedLastDay] = await Promise.all([
      this.settings.pushLimitsOf(readers),
      this.alerts.pushesSince(readers, new Date(now.getTime() - 86_400_000)),
    ]);
    const { push, held } = decidePushes(fresh, limits, pushedLastDay, now.getTime());
    this.metrics.alertPushes.inc({ outcome: 'held_back' }, held.length);
    await this.alerts.markPushed(push, now);
    const toPush = new Set([...push, ...decided]);
    const jobs = candidates
      .filter((a) => toPush.has(a.id))
      .flatMap((a) =>
        subscriptions
          .filter((s) => s.userId === a.userId)
          .map((s) => ({
            name: 'alerts.push' as const,
            jobId: alertJobIds.push(a.id, s.id),
            payload: { alertId: a.id, subscriptionId: s.id },
          })),
      );
    await this.jobs.enqueueMany(jobs);
  }
}
