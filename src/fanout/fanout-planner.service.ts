import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { writeWeight } from '../feed/feed-ranking';
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

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: JobProducer,
    private readonly config: AppConfig,
  ) {}

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
    const chunker = new BucketChunker(this.config.FEED_BUCKETS, this.config.FANOUT_CHUNK_SIZE);
    const activeSince = new Date(Date.now() - this.config.ACTIVE_DAYS * 86_400_000);
    let after = '0';
    let followers = 0;
    let chunks = 0;
    const enqueue = async (ready: BucketChunk[]) => {
      chunks += ready.length;
      await this.jobs.enqueueMany(ready.map((c) => this.chunkJob(base, c)));
    };
    for (;;) {
      const ids = await this.activeFollowers(topicIds, after, activeSince);
      if (!ids.length) break;
      followers += ids.length;
      after = ids[ids.length - 1];
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

  private chunkJob(
    base: Omit<JobPayloads['fanout.chunk'], 'bucket' | 'seq' | 'userIds'>,
    chunk: BucketChunk,
  ): Enqueue<'fanout.chunk'> {
    return {
      name: 'fanout.chunk',
      jobId: `chunk.${base.articleId}.v${base.version}.b${chunk.bucket}.${chunk.seq}`,
      payload: { ...base, ...chunk },
    };
  }
}
