import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { articleAffinity, personalRankingFrom, writeWeight, type RankingParams } from '../../feed/feed-ranking';
import type { FeedRecord } from '../../feed/feed-record';
import { FeedSourceService, type ArticleRef, type TopicGraph } from '../../feed/feed-source.service';
import { FeedStore } from '../../feed/feed-store';
import { AppConfig } from '../../infra/config/app-config';
import { ReaderSignalsService } from '../../signals/reader-signals.service';

export interface RebuiltFeed {
  userId: string;
  records: number;
}

/**
 * Rebuilds feeds from Postgres the way the read path does for a missing feed (FeedService.window): the
 * reader's newest FEED_MAX_ITEMS articles, weighed as the fan-out writes them, merged into the feed and
 * creating it. A merge, so a fan-out landing meanwhile is kept. Unlike a read, it leaves last_active_at alone.
 */
@Injectable()
export class FeedRebuilder {
  private readonly ranking: RankingParams;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly source: FeedSourceService,
    private readonly store: FeedStore,
    private readonly signals: ReaderSignalsService,
    private readonly config: AppConfig,
  ) {
    this.ranking = personalRankingFrom(config).ranking;
  }

  async rebuild(userId: string): Promise<RebuiltFeed> {
    const graph = await this.source.topicGraph(userId);
    const recent = await this.source.recentArticles(graph.follows, graph.mutes, this.store.maxItems);
    const records = await this.store.merge(userId, await this.personalRecords(userId, graph, recent), true);
    return { userId, records };
  }

  // The same records as FeedService.personalRecords (private there): hidden articles left out, ln(weight)
  // with the reader's topic affinities. cli-feed-rebuild.spec.ts checks both rebuilds give the same feed.
  private async personalRecords(userId: string, graph: TopicGraph, refs: ArticleRef[]): Promise<FeedRecord[]> {
    const ids = refs.map((a) => a.id);
    const [signals, topics] = await Promise.all([
      this.signals.forFeed(userId, ids.map(Number), true),
      this.signals.articleTopics(ids),
    ]);
    return refs
      .filter((a) => !signals.hidden.has(Number(a.id)))
      .map((a) => ({
        ...this.source.toRecord(a),
        lnWeight: writeWeight(a.priority, this.ranking, articleAffinity(topics.get(a.id) ?? [], graph.follows, signals.affinities)),
      }));
  }

  /** The user's last activity, or null when there is no such user. */
  async lastActiveAt(userId: string): Promise<Date | null> {
    const rows: { last_active_at: Date }[] = await this.db.query('SELECT last_active_at FROM users WHERE id = $1', [userId]);
    return rows[0]?.last_active_at ?? null;
  }

  /** Readers seen since then are the ones fan-out writes to; the others are rebuilt when they next read. */
  activeSince(now = Date.now()): Date {
    return new Date(now - this.config.ACTIVE_DAYS * 86_400_000);
  }

  async countActive(since: Date, after: string): Promise<number> {
    const [row]: { n: number }[] = await this.db.query(
      'SELECT count(*)::int AS n FROM users WHERE last_active_at >= $1 AND id > $2',
      [since, after],
    );
    return row.n;
  }

  /** One keyset page of active users, ascending by id. */
  async activeUsers(since: Date, after: string, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      // ORDER BY u.id, the bigint: a bare `id` would name the text column of the output and sort as text.
      'SELECT u.id::text AS id FROM users u WHERE u.last_active_at >= $1 AND u.id > $2 ORDER BY u.id LIMIT $3',
      [since, after, limit],
    );
    return rows.map((r) => r.id);
  }
}
