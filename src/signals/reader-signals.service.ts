import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AffinityParams, decayAffinity, personalRankingFrom } from '../feed/feed-ranking';
import type { TopicGraph } from '../feed/feed-source.service';
import { AppConfig } from '../infra/config/app-config';

export interface FeedSignals {
  /** Articles (of those asked about) the reader hid: never shown again. */
  hidden: Set<number>;
  /** Articles (of those asked about) the reader opened: demoted in the ranked re-rank. */
  opened: Set<number>;
  /** Every topic affinity of the reader, decayed to now. */
  affinities: Map<string, number>;
}

/** What the feed's read path needs of a reader's signals, in one query. */
@Injectable()
export class ReaderSignalsService {
  private readonly params: AffinityParams;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    config: AppConfig,
  ) {
    this.params = personalRankingFrom(config).affinity;
  }

  /** `withRanking` false (latest mode) loads the hides only. */
  async forFeed(userId: string, articleIds: number[], withRanking: boolean): Promise<FeedSignals> {
    return (await this.load(userId, articleIds, withRanking, false)).signals;
  }

  /** forFeed plus the reader's follows and mutes, in the same single query (a warm read's only one). */
  async forFeedWithGraph(userId: string, articleIds: number[], withRanking: boolean): Promise<{ graph: TopicGraph; signals: FeedSignals }> {
    return this.load(userId, articleIds, withRanking, true);
  }

  private async load(userId: string, articleIds: number[], withRanking: boolean, withGraph: boolean) {
    // The id range of the asked articles rather than 800 ids as an array parameter (its encoding was ~4% of a
    // read). The primary keys (user_id, article_id) answer the range; extra rows in it are harmless.
    let min = Infinity;
    let max = 0;
    for (const id of articleIds) {
      if (id < min) min = id;
      if (id > max) max = id;
    }
    const rows: { kind: 'h' | 'o' | 'a' | 'f' | 'm'; id: string; score: number | null; updated_at: Date | null }[] = await this.db.query(
      `SELECT 'h' AS kind, article_id::text AS id, NULL::float8 AS score, NULL::timestamptz AS updated_at
         FROM article_hides WHERE user_id = $1 AND article_id BETWEEN $2 AND $3
       UNION ALL
       SELECT 'o', article_id::text, NULL, NULL FROM reading_history WHERE $4 AND user_id = $1 AND article_id BETWEEN $2 AND $3
       UNION ALL
       SELECT 'a', topic_id::text, score, updated_at FROM topic_affinities WHERE $4 AND user_id = $1
       UNION ALL
       SELECT 'f', topic_id::text, NULL, NULL FROM follows WHERE $5 AND user_id = $1
       UNION ALL
       SELECT 'm', topic_id::text, NULL, NULL FROM mutes WHERE $5 AND user_id = $1`,
      [userId, max ? min : 1, max, withRanking, withGraph],
    );
    const signals: FeedSignals = { hidden: new Set(), opened: new Set(), affinities: new Map() };
    const graph: TopicGraph = { follows: new Set(), mutes: new Set() };
    const now = Date.now();
    for (const r of rows) {
      if (r.kind === 'h') signals.hidden.add(Number(r.id));
      else if (r.kind === 'o') signals.opened.add(Number(r.id));
      else if (r.kind === 'a') signals.affinities.set(r.id, decayAffinity(r.score!, r.updated_at!.getTime(), now, this.params));
      else (r.kind === 'f' ? graph.follows : graph.mutes).add(r.id);
    }
    return { graph, signals };
  }

  async hiddenAmong(userId: string, articleIds: string[]): Promise<Set<string>> {
    if (!articleIds.length) return new Set();
    const rows: { id: string }[] = await this.db.query(
      `SELECT article_id::text AS id FROM article_hides WHERE user_id = $1 AND article_id = ANY($2::bigint[])`,
      [userId, articleIds],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** Topic ids of articles in display order, for weighing records written by a rebuild. */
  async articleTopics(articleIds: string[]): Promise<Map<string, string[]>> {
    if (!articleIds.length) return new Map();
    const rows: { id: string; topic_ids: string[] }[] = await this.db.query(
      `SELECT article_id::text AS id, array_agg(topic_id::text ORDER BY position) AS topic_ids
         FROM article_topics WHERE article_id = ANY($1::bigint[]) GROUP BY article_id`,
      [articleIds],
    );
    return new Map(rows.map((r) => [r.id, r.topic_ids]));
  }
}
