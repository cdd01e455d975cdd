import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AffinityParams, articleAffinity, decayAffinity, personalRankingFrom, writeWeight } from '../feed/feed-ranking';
import { AppConfig } from '../infra/config/app-config';
import { Enqueue, JobProducer } from '../infra/queues/job-producer.service';
import type { JobPayloads } from '../infra/queues/job-catalogue';
import { BucketChunk, BucketChunker } from './bucket-chunker';

// Followers are read from Postgres in keyset pages of this size (index scan of follows).
const SCAN_PAGE = 5000;

export interface PlanResult {
  skipped?: string;
  followers: number;
  chunks: number;
}

/** Turns one published article into chunk jobs: one per FANOUT_CHUNK_SIZE active followers of a bucket. */
@Injectable()
export class FanoutPlannerService {
  private readonly logger = new Logger(FanoutPlannerService.name);
  private readonly affinityParams: AffinityParams;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: JobProducer,
    private readonly config: AppConfig,
  ) {
    this.affinityParams = personalRankingFrom(config).affinity;
  }

  async plan({ articleId, version }: JobPayloads['fanout.plan']): Promise<PlanResult> {
    const [article] = await this.db.query(
      `SELECT id, status, version, priority, published_at FROM articles WHERE id = $1`,
      [articleId],
    );
    if (!article || article.status !== 'published') return { skipped: 'not published', followers: 0, chunks: 0 };
    if (article.version !== version) return { skipped: 'superseded by a newer version', followers: 0, chunks: 0 };

    const topicRows: { topic_id: string }[] = await this.db.query(
      `SELECT topic_id::text FROM article_topics WHERE article_id = $1`,
      [articleId],
    );
    const topicIds = topicRows.map((r) => r.topic_id);
    const base = {
      articleId,
      version,
      publishedAtSec: Math.floor((article.published_at as Date).getTime() / 1000),
      lnWeight: writeWeight(article.priority, {
        tauSeconds: this.config.RANK_TAU_SECONDS,
        breakingBoost: this.config.RANK_BREAKING_BOOST,
      }),
    };
    // Followers whose affinities move the weight; entries leave as their chunk is enqueued.
    const personal = new Map<string, number>();
    const chunker = new BucketChunker(this.config.FEED_BUCKETS, this.config.FANOUT_CHUNK_SIZE);
    const activeSince = new Date(Date.now() - this.config.ACTIVE_DAYS * 86_400_000);
    let after = '0';
    let followers = 0;
    let chunks = 0;
    const enqueue = async (ready: BucketChunk[]) => {
      chunks += ready.length;
      await this.jobs.enqueueMany(ready.map((c) => this.chunkJob(base, c, personal)));
    };
    for (;;) {
      const ids = await this.activeFollowers(topicIds, after, activeSince);
      if (!ids.length) break;
      followers += ids.length;
      after = ids[ids.length - 1];
      for (const [userId, lnWeight] of await this.personalWeights(ids, topicIds, base.lnWeight)) personal.set(userId, lnWeight);
      await enqueue(chunker.add(ids));
      if (ids.length < SCAN_PAGE) break;
    }
    await enqueue(chunker.flush());
    this.logger.log({ articleId, version, followers, chunks }, 'fan-out planned');
    return { followers, chunks };
  }

  /** Followers of any of the topics, active lately, muting none of them; ascending, after `after`. */
  private async activeFollowers(topicIds: string[], after: string, activeSince: Date): Promise<string[]> {
    if (!topicIds.length) return [];
    const rows: { user_id: string }[] = await this.db.query(
      `SELECT DISTINCT f.user_id::text AS user_id, f.user_id AS sort_key
       FROM follows f
       JOIN users u ON u.id = f.user_id
       WHERE f.topic_id = ANY($1::bigint[]) AND f.user_id > $2 AND u.last_active_at >= $3
         AND NOT EXISTS (SELECT 1 FROM mutes m WHERE m.user_id = f.user_id AND m.topic_id = ANY($1::bigint[]))
       ORDER BY f.user_id
       LIMIT $4`,
      [topicIds, after, activeSince, SCAN_PAGE],
    );
    return rows.map((r) => r.user_id);
  }

  /**
   * ln(weight) with each follower's affinity for the article's topics (feed-ranking.ts), for the
   * followers of this page who have any: one query per page, none of it in the chunk jobs.
   */
  private async personalWeights(userIds: string[], topicIds: string[], baseLnWeight: number): Promise<Map<string, number>> {
    const rows: { user_id: string; topic_id: string; score: number | null; updated_at: Date | null }[] = await this.db.query(
      `WITH learned AS (
         SELECT user_id, topic_id, score, updated_at FROM topic_affinities
          WHERE user_id = ANY($1::bigint[]) AND topic_id = ANY($2::bigint[])
       )
       SELECT user_id::text AS user_id, topic_id::text AS topic_id, score, updated_at FROM learned
       UNION ALL
       SELECT f.user_id::text, f.topic_id::text, NULL, NULL FROM follows f
        WHERE f.user_id IN (SELECT user_id FROM learned) AND f.topic_id = ANY($2::bigint[])`,
      [userIds, topicIds],
    );
    const byUser = new Map<string, { follows: Set<string>; affinities: Map<string, number> }>();
    const now = Date.now();
    for (const r of rows) {
      const user = byUser.get(r.user_id) ?? { follows: new Set<string>(), affinities: new Map<string, number>() };
      byUser.set(r.user_id, user);
      if (r.score === null) user.follows.add(r.topic_id);
      else user.affinities.set(r.topic_id, decayAffinity(r.score, r.updated_at!.getTime(), now, this.affinityParams));
    }
    const weights = new Map<string, number>();
    for (const [userId, user] of byUser) {
      const lnWeight = Math.round((baseLnWeight + articleAffinity(topicIds, user.follows, user.affinities)) * 1e4) / 1e4;
      if (lnWeight !== Math.round(baseLnWeight * 1e4) / 1e4) weights.set(userId, lnWeight);
    }
    return weights;
  }

  private chunkJob(
    base: Omit<JobPayloads['fanout.chunk'], 'bucket' | 'seq' | 'userIds'>,
    chunk: BucketChunk,
    personal: Map<string, number>,
  ): Enqueue<'fanout.chunk'> {
    const lnWeightByUser: Record<string, number> = {};
    for (const userId of chunk.userIds) {
      const lnWeight = personal.get(userId);
      if (lnWeight === undefined) continue;
      lnWeightByUser[userId] = lnWeight;
      personal.delete(userId);
    }
    return {
      name: 'fanout.chunk',
      jobId: `chunk.${base.articleId}.v${base.version}.b${chunk.bucket}.${chunk.seq}`,
      payload: { ...base, ...chunk, ...(Object.keys(lnWeightByUser).length ? { lnWeightByUser } : {}) },
    };
  }
}
