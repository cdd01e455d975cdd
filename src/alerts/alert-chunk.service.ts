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
import { AlertSettingsRepository } from './alert-settings.repository';
import { AlertsRepository, MadeAlert, NewAlert } from './alerts.repository';
import { decidePushes } from './push-decision';

/**
 * One chunk: one statement makes the alerts (idempotent: the unique key) and returns them with the
 * topic each names; they are published to the live streams, then the push jobs of the readers with
 * subscriptions are enqueued and those alerts marked dispatched. A worker killed anywhere leaves nothing
 * lost and nothing made twice: the rerun makes nothing new and sends on again what this range has (a
 * stream may see an alert event twice; the list never does), and pushes what was never marked dispatched.
 */
@Injectable()
export class AlertChunkService {
  constructor(
    private readonly articles: ArticlesRepository,
    private readonly alerts: AlertsRepository,
    private readonly mutedWords: MutedWordsRepository,
    private readonly events: AlertEventsPublisher,
    private readonly metrics: Metrics,
    private readonly clock: Clock,
    private readonly settings: AlertSettingsRepository,
    private readonly subscriptions: PushSubscriptionsRepository,
    private readonly jobs: JobProducer,
  ) {}

  /** `rerun`: this job started before (it failed, or its worker died), so it may not have sent what it made. */
  async create(job: JobPayloads['alerts.chunk'], rerun = false): Promise<{ skipped?: string; created: number; sent: number }> {
    const range = { after: job.after, last: job.last };
    const now = this.clock.now();
    const [head, text, phrases] = await Promise.all([
      this.articles.fanoutHead(job.articleId),
      this.articles.mutableTextOf(job.articleId),
      this.mutedWords.activePhrasesInRange(range, now),
    ]);
    // A newer version's own chunks cover the readers; an unpublished article alerts nobody.
    if (!head || head.status !== 'published') return { skipped: 'not published', created: 0, sent: 0 };
    if (head.version !== job.version) return { skipped: 'superseded by a newer version', created: 0, sent: 0 };
    const excluded = text ? [...phrases].filter(([, list]) => matchesMutedWords(text, list)).map(([userId]) => userId) : [];
    const made = await this.alerts.createForRange(
      { id: job.articleId, topicIds: head.topicIds, priority: head.priority },
      range,
      excluded,
      now,
      rerun,
    );
    await this.events.publish(made.flatMap(toEvent));
    const created = made.filter((a) => a.fresh).length;
    this.metrics.alertsCreated.inc(created);
    const unpushed = made.filter((a) => a.push);
    if (unpushed.length) {
      await this.pushOut(unpushed, now);
      await this.alerts.markDispatched(unpushed.map((a) => a.id));
    }
    return { created, sent: made.length };
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

const toEvent = (a: MadeAlert): AlertEvent[] =>
  a.topic ? [{ userId: a.userId, alertId: a.id, articleId: a.articleId, reason: { type: a.reasonType, topic: a.topic } }] : [];
