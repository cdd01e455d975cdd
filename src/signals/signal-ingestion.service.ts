import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { parseIsoDateTime } from '../articles/dto/iso-date-time';
import { AffinityParams, foldAffinity, personalRankingFrom, signalWeight, SignalType } from '../feed/feed-ranking';
import { AppConfig } from '../infra/config/app-config';
import { isEntityId } from '../infra/http/entity-id';
import type { FeedEventDto } from './dto/feed-events.dto';
import { lockReaderSignals } from './reader-signals.lock';

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
  private readonly params: AffinityParams;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    config: AppConfig,
  ) {
    this.params = personalRankingFrom(config).affinity;
  }

  async ingest(userId: string, events: FeedEventDto[]): Promise<{ accepted: number; dropped: number }> {
    const now = Date.now();
    const candidates = events.flatMap((e) => this.admit(e, now));
    const topicsOf = await this.publishedArticleTopics(candidates.map((e) => e.articleId));
    const accepted = candidates.filter((e) => topicsOf.has(e.articleId));
    if (accepted.length) {
      await this.db.transaction(async (m) => {
        await lockReaderSignals(m, userId);
        await this.append(m, userId, accepted);
        await this.foldAffinities(m, userId, accepted, topicsOf, now);
        await this.recordOpens(m, userId, accepted);
        await this.recordHides(m, userId, accepted);
      });
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
  private async publishedArticleTopics(ids: string[]): Promise<Map<string, string[]>> {
    if (!ids.length) return new Map();
    const rows: { id: string; topic_ids: string[] }[] = await this.db.query(
      `SELECT a.id::text AS id,
              coalesce(array_agg(at.topic_id::text ORDER BY at.position) FILTER (WHERE at.topic_id IS NOT NULL), '{}') AS topic_ids
         FROM articles a LEFT JOIN article_topics at ON at.article_id = a.id
        WHERE a.id = ANY($1::bigint[]) AND a.status = 'published' AND a.published_at <= now()
        GROUP BY a.id`,
      [[...new Set(ids)]],
    );
    return new Map(rows.map((r) => [r.id, r.topic_ids]));
  }

  private async append(m: EntityManager, userId: string, events: AcceptedEvent[]): Promise<void> {
    await m.query(
      `INSERT INTO feed_events (user_id, article_id, type, dwell_ms, occurred_at)
       SELECT $1, e.article_id, e.type, e.dwell_ms, e.occurred_at
         FROM unnest($2::bigint[], $3::text[], $4::int[], $5::timestamptz[]) AS e(article_id, type, dwell_ms, occurred_at)`,
      [
        userId,
        events.map((e) => e.articleId),
        events.map((e) => e.type),
        events.map((e) => e.dwellMs),
        events.map((e) => new Date(e.atMs)),
      ],
    );
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
      const weight = signalWeight(e.type, e.dwellMs ?? undefined, this.params);
      if (weight === 0) continue;
      for (const topicId of topicsOf.get(e.articleId) ?? []) {
        byTopic.set(topicId, [...(byTopic.get(topicId) ?? []), { weight, atMs: e.atMs }]);
      }
    }
    if (!byTopic.size) return;
    const topicIds = [...byTopic.keys()];
    const stored: { topic_id: string; score: number; updated_at: Date }[] = await m.query(
      `SELECT topic_id::text AS topic_id, score, updated_at FROM topic_affinities WHERE user_id = $1 AND topic_id = ANY($2::bigint[])`,
      [userId, topicIds],
    );
    const before = new Map(stored.map((r) => [r.topic_id, { score: r.score, updatedAtMs: r.updated_at.getTime() }]));
    const scores = topicIds.map((id) => foldAffinity(before.get(id), byTopic.get(id)!, now, this.params));
    await m.query(
      `INSERT INTO topic_affinities (user_id, topic_id, score, updated_at)
       SELECT $1, a.topic_id, a.score, $4 FROM unnest($2::bigint[], $3::float8[]) AS a(topic_id, score)
       ON CONFLICT (user_id, topic_id) DO UPDATE SET score = EXCLUDED.score, updated_at = EXCLUDED.updated_at`,
      [userId, topicIds, scores, new Date(now)],
    );
  }

  /** History keeps each article once, at its latest open. */
  private async recordOpens(m: EntityManager, userId: string, events: AcceptedEvent[]): Promise<void> {
    const latest = latestPerArticle(events.filter((e) => e.type === 'open'));
    if (!latest.size) return;
    await m.query(
      `INSERT INTO reading_history (user_id, article_id, opened_at)
       SELECT $1, h.article_id, h.opened_at FROM unnest($2::bigint[], $3::timestamptz[]) AS h(article_id, opened_at)
       ON CONFLICT (user_id, article_id) DO UPDATE SET opened_at = GREATEST(reading_history.opened_at, EXCLUDED.opened_at)`,
      [userId, [...latest.keys()], [...latest.values()].map((ms) => new Date(ms))],
    );
  }

  private async recordHides(m: EntityManager, userId: string, events: AcceptedEvent[]): Promise<void> {
    const hides = latestPerArticle(events.filter((e) => e.type === 'hide'));
    if (!hides.size) return;
    await m.query(
      `INSERT INTO article_hides (user_id, article_id, hidden_at)
       SELECT $1, h.article_id, h.hidden_at FROM unnest($2::bigint[], $3::timestamptz[]) AS h(article_id, hidden_at)
       ON CONFLICT (user_id, article_id) DO NOTHING`,
      [userId, [...hides.keys()], [...hides.values()].map((ms) => new Date(ms))],
    );
  }
}

function latestPerArticle(events: AcceptedEvent[]): Map<string, number> {
  const latest = new Map<string, number>();
  for (const e of events) latest.set(e.articleId, Math.max(e.atMs, latest.get(e.articleId) ?? -Infinity));
  return latest;
}
