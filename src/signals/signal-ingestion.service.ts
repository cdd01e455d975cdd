import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { parseIsoDateTime } from '../articles/dto/iso-date-time';
import { ArticlesRepository } from '../articles/articles.repository';
import { Clock } from '../infra/clock/clock';
import { ReaderStateService } from '../reader-state/reader-state.service';
import { isEntityId } from '../infra/http/entity-id';
import { foldAffinity, signalWeight, SignalType } from '../ranking/affinity';
import { RankingParameters } from '../ranking/ranking-parameters';
import type { FeedEventDto } from './dto/feed-events.dto';
import { AffinitiesRepository } from './affinities.repository';
import { FeedEventsRepository } from './feed-events.repository';
import { HidesRepository } from './hides.repository';
import { HistoryRepository } from './history.repository';
import { ReaderSignalsRepository } from './reader-signals.repository';

// Older events are dropped: a year of decay has taken them to nothing anyway.
const MAX_EVENT_AGE_MS = 365 * 86_400_000;

interface AcceptedEvent {
  articleId: string;
  type: SignalType;
  dwellMs: number | null;
  atMs: number;
}

/**
 * POST /v1/feed/events: one batch is one transaction that appends the events to feed_events and
 * folds them at once into topic_affinities, reading_history (open) and article_hides (hide), so the
 * next feed read already reflects them.
 */
@Injectable()
export class SignalIngestionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly readerState: ReaderStateService,
    private readonly articles: ArticlesRepository,
    private readonly signals: ReaderSignalsRepository,
    private readonly feedEvents: FeedEventsRepository,
    private readonly affinities: AffinitiesRepository,
    private readonly history: HistoryRepository,
    private readonly hides: HidesRepository,
    private readonly ranking: RankingParameters,
    private readonly clock: Clock,
  ) {}

  async ingest(userId: string, events: FeedEventDto[]): Promise<{ accepted: number; dropped: number }> {
    const now = this.clock.nowMs();
    const candidates = events.flatMap((e) => this.admit(e, now));
    const topicsOf = await this.publishedArticleTopics(candidates.map((e) => e.articleId));
    const accepted = candidates.filter((e) => topicsOf.has(e.articleId));
    if (accepted.length) {
      await this.readerState.changing(userId, () =>
        this.db.transaction(async (m) => {
          await this.signals.lock(m, userId);
          await this.feedEvents.append(m, userId, accepted);
          await this.foldAffinities(m, userId, accepted, topicsOf, now);
          await this.recordOpens(m, userId, accepted);
          await this.recordHides(m, userId, accepted);
        }),
      );
    }
    return { accepted: accepted.length, dropped: events.length - accepted.length };
  }

  private admit(e: FeedEventDto, now: number): AcceptedEvent[] {
    if (!isEntityId(e.articleId)) return [];
    const atMs = e.at === undefined ? now : Math.min(now, parseIsoDateTime(e.at)!.getTime());
    if (atMs < now - MAX_EVENT_AGE_MS) return [];
    return [{ articleId: e.articleId, type: e.type, dwellMs: e.dwellMs ?? null, atMs }];
  }

  /** Topics (display order) of the named articles that readers may see; the rest name nothing. */
  private publishedArticleTopics(ids: string[]): Promise<Map<string, string[]>> {
    return this.articles.visibleTopicIdsOf(ids);
  }

  private async foldAffinities(
    m: EntityManager,
    userId: string,
    events: AcceptedEvent[],
    topicsOf: Map<string, string[]>,
    now: number,
  ): Promise<void> {
    const byTopic = new Map<string, { weight: number; atMs: number }[]>();
    for (const e of events) {
      const weight = signalWeight(e.type, e.dwellMs ?? undefined, this.ranking.affinity);
      if (weight === 0) continue;
      for (const topicId of topicsOf.get(e.articleId) ?? []) {
        byTopic.set(topicId, [...(byTopic.get(topicId) ?? []), { weight, atMs: e.atMs }]);
      }
    }
    if (!byTopic.size) return;
    const topicIds = [...byTopic.keys()];
    const stored = await this.affinities.stored(m, userId, topicIds);
    const before = new Map(stored.map((r) => [r.topicId, { score: r.score, updatedAtMs: r.updatedAt.getTime() }]));
    const scores = topicIds.map((id) => foldAffinity(before.get(id), byTopic.get(id)!, now, this.ranking.affinity));
    await this.affinities.upsert(m, userId, topicIds, scores, new Date(now));
  }

  /** History keeps each article once, at its latest open. */
  private async recordOpens(m: EntityManager, userId: string, events: AcceptedEvent[]): Promise<void> {
    const latest = latestPerArticle(events.filter((e) => e.type === 'open'));
    if (!latest.size) return;
    await this.history.recordOpens(m, userId, latest);
  }

  private async recordHides(m: EntityManager, userId: string, events: AcceptedEvent[]): Promise<void> {
    const hides = latestPerArticle(events.filter((e) => e.type === 'hide'));
    if (!hides.size) return;
    await this.hides.record(m, userId, hides);
  }
}

function latestPerArticle(events: AcceptedEvent[]): Map<string, number> {
  const latest = new Map<string, number>();
  for (const e of events) latest.set(e.articleId, Math.max(e.atMs, latest.get(e.articleId) ?? -Infinity));
  return latest;
}
