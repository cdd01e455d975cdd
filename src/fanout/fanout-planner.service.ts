import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AffinityParams, articleAffinity, decayAffinity, personalRankingFrom, writeWeight } from '../feed/feed-ranking';
import type { ArticlePriority, ArticleStatus } from '../articles/article.entity';
import { AppConfig } from '../infra/config/app-config';
import { Enqueue, JobProducer } from '../infra/queues/job-producer.service';
import type { JobPayloads } from '../infra/queues/job-catalogue';
import { BucketChunk, BucketChunker } from './bucket-chunker';

// Followers are read from Postgres in keyset pages (index scan of follows). The first page is small so
// the first chunks are enqueued early; the rest are large because at 100k followers the plan is bound by
// the number of serial page round trips, not by their size.
const FIRST_SCAN_PAGE = 2000;
const SCAN_PAGE = 20_000;

interface ArticleToPlan {
  id: string;
  status: ArticleStatus;
  version: number;
  priority: ArticlePriority;
  published_at: Date;
}

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
    const [article] = await this.db.query<ArticleToPlan[]>(
      `SELECT id, status, version, priority, published_at FROM articles WHERE id = $1`,
      [articleId],
    );
    if (!article || article.status !== 'published') return { skipped: 'not published', followers: 0, chunks: 0 };
    if (article.version !== version) return { skipped: 'superseded by a newer version', followers: 0, chunks: 0 };

    const topicRows: { topic_id: string }[] = await this.db.query(`SELECT topic_id::text FROM article_topics WHERE article_id = $1`, [
      articleId,
    ]);
    const topicIds = topicRows.map((r) => r.topic_id);
    const base = {
      articleId,
      version,
      publishedAtSec: Math.floor(article.published_at.getTime() / 1000),
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
    // Chunks are enqueued as soon as they fill, in order, while the next page is read: workers start
    // writing while the scan continues.
    let enqueued: Promise<void> = Promise.resolve();
    const enqueue = (ready: BucketChunk[]) => {
      if (!ready.length) return;
      chunks += ready.length;
      const jobs = ready.map((c) => this.chunkJob(base, c, personal));
      enqueued = enqueued.then(() => this.jobs.enqueueMany(jobs));
      enqueued.catch(() => undefined); // awaited below; this only keeps a failure from being "unhandled" meanwhile
    };
    const read = (from: string, limit: number) => {
      const page = this.followerPage(topicIds, from, activeSince, limit);
      page.catch(() => undefined); // awaited in the loop
      return page;
    };
    let limit = FIRST_SCAN_PAGE;
    let next = read(after, limit);
    for (;;) {
      const page = await next;
      if (!page.scanned) break;
      const more = page.scanned === limit;
      limit = SCAN_PAGE;
      if (more) next = read(page.last, limit);
      followers += page.ids.length;
      for (const [userId, lnWeight] of await this.personalWeights(after, page.last, topicIds, base.lnWeight))
        personal.set(userId, lnWeight);
      after = page.last;
      enqueue(chunker.add(page.ids));
      if (!more) break;
    }
    enqueue(chunker.flush());
    await enqueued;
    this.logger.log({ articleId, version, followers, chunks }, 'fan-out planned');
    return { followers, chunks };
  }

  /**
   * The next `limit` followers of any of the topics after `after` (ascending), and which of them get
   * the article: active lately and muting none of its topics. Candidates come from one range scan of
   * the follows primary key per topic; users are read over the same id range, so a page costs the same
   * wherever the cursor is (joining users without that bound re-read users_pkey from id 1 on every page).
   */
  private async followerPage(
    topicIds: string[],
    after: string,
    activeSince: Date,
    limit: number,
  ): Promise<{ ids: string[]; scanned: number; last: string }> {
    if (!topicIds.length) return { ids: [], scanned: 0, last: after };
    const rows: { user_id: string; deliver: boolean }[] = await this.db.query(
      `WITH c AS MATERIALIZED (
         SELECT DISTINCT l.user_id FROM unnest($1::bigint[]) t(id)
         CROSS JOIN LATERAL (
           SELECT user_id FROM follows WHERE topic_id = t.id AND user_id > $2 ORDER BY user_id LIMIT $4
         ) l
         ORDER BY l.user_id LIMIT $4
       )
       SELECT c.user_id::text AS user_id,
              u.last_active_at >= $3
                AND NOT EXISTS (SELECT 1 FROM mutes m WHERE m.user_id = c.user_id AND m.topic_id = ANY($1::bigint[])) AS deliver
       FROM c JOIN users u ON u.id = c.user_id AND u.id > $2 AND u.id <= (SELECT max(user_id) FROM c)
       ORDER BY c.user_id`,
      [topicIds, after, activeSince, limit],
    );
    if (!rows.length) return { ids: [], scanned: 0, last: after };
    return { ids: rows.filter((r) => r.deliver).map((r) => r.user_id), scanned: rows.length, last: rows[rows.length - 1].user_id };
  }

  /**
   * ln(weight) with each follower's affinity for the article's topics (feed-ranking.ts), for the
   * followers in (after, last] who have any: one range query per page (the primary key's user_id
   * prefix); a user who is not delivered to simply has no chunk to carry their weight.
   */
  private async personalWeights(after: string, last: string, topicIds: string[], baseLnWeight: number): Promise<Map<string, number>> {
    const rows: { user_id: string; topic_id: string; score: number | null; updated_at: Date | null }[] = await this.db.query(
      `WITH learned AS (
         SELECT user_id, topic_id, score, updated_at FROM topic_affinities
          WHERE user_id > $1 AND user_id <= $2 AND topic_id = ANY($3::bigint[])
       )
       SELECT user_id::text AS user_id, topic_id::text AS topic_id, score, updated_at FROM learned
       UNION ALL
       SELECT f.user_id::text, f.topic_id::text, NULL, NULL FROM follows f
        WHERE f.user_id IN (SELECT user_id FROM learned) AND f.topic_id = ANY($3::bigint[])`,
      [after, last, topicIds],
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
