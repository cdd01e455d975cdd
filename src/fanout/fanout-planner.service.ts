import { Injectable, Logger } from '@nestjs/common';
import { ArticlesRepository } from '../articles/articles.repository';
import { Clock } from '../infra/clock/clock';
import { AppConfig } from '../infra/config/app-config';
import { Enqueue, JobProducer } from '../infra/queues/job-producer.service';
import { jobIds, type JobPayloads } from '../infra/queues/job-catalogue';
import { FollowsRepository } from '../follows/follows.repository';
import { articleAffinity, decayAffinity } from '../ranking/affinity';
import { writeWeight } from '../ranking/feed-score';
import { RankingParameters } from '../ranking/ranking-parameters';
import { AffinitiesRepository } from '../signals/affinities.repository';
import { BucketChunk, BucketChunker } from './bucket-chunker';
import { packUsers } from './chunk-users';
import { FanoutChunkService } from './fanout-chunk.service';
import { FanoutOutboxRepository } from './fanout-outbox.repository';

// Followers are read from Postgres in keyset pages (index scan of follows). The first page is small and pages
// double up to SCAN_PAGE: Redis writes the chunks of one page while Postgres reads the next, so the write after
// the last page is short; at 100k followers the plan is bound by the number of serial page round trips, so
// later pages are large. Each range's first page, and the first range's pages until it has scanned
// FANOUT_INLINE_FOLLOWERS rows (the rows the plan's own writes mostly go to: a small chunk written there costs no
// job), are cut into chunks as soon as they are read, however partly filled; elsewhere chunks fill first, as a
// small chunk job costs a job. Cutting at fixed counts of scanned rows keeps chunks (and job ids) deterministic.
const FIRST_SCAN_PAGE = 2000;
const SCAN_PAGE = 20_000;
// Above ~2 pages of followers the id span is cut into ranges scanned at once, each on its own connection: the
// serial page round trips, not Postgres, bound one scan. Each range numbers its chunks from index × stride, so
// chunk ids stay unique per bucket and, the span being fixed by the follower set, deterministic on a retry.
const RANGE_MIN_SPAN = 40_000;
const MAX_SCAN_RANGES = 4;
const RANGE_SEQ_STRIDE = 1_000_000;

interface ScanRange {
  after: string;
  upTo: string;
}

/** Cuts the ids [min, max] into up to MAX_SCAN_RANGES equal ranges of at least RANGE_MIN_SPAN ids. */
export function scanRanges({ min, max }: { min: string; max: string }): ScanRange[] {
  const lo = BigInt(min) - 1n;
  const width = BigInt(max) - lo;
  const count = BigInt(Math.max(1, Math.min(MAX_SCAN_RANGES, Math.ceil(Number(width) / RANGE_MIN_SPAN))));
  return Array.from({ length: Number(count) }, (_, i) => ({
    after: (lo + (width * BigInt(i)) / count).toString(),
    upTo: (lo + (width * BigInt(i + 1)) / count).toString(),
  }));
}

export interface PlanResult {
  skipped?: string;
  followers: number;
  /** Chunks cut: those the plan wrote itself and those it enqueued. */
  chunks: number;
  /** Chunks the plan job wrote itself (FANOUT_INLINE_FOLLOWERS), the feeds they wrote and when the first began; absent when none. */
  inline?: { chunks: number; written: number; firstAtMs: number };
}

/** What one plan may still write itself, shared by its ranges; and what it did. */
class InlineBudget {
  chunks = 0;
  written = 0;
  firstAtMs = 0;
  private readonly writes: Promise<unknown>[] = [];

  constructor(private left: number) {}

  take(users: number): boolean {
    if (this.left <= 0) return false;
    this.left -= users;
    return true;
  }

  add(write: Promise<{ written: number }>, nowMs: number): void {
    if (!this.chunks++) this.firstAtMs = nowMs;
    const counted = write.then((r) => void (this.written += r.written));
    counted.catch(() => undefined); // awaited in settled(); this only keeps a failure from being "unhandled" meanwhile
    this.writes.push(counted);
  }

  /** Once every write sent has ended; rejects with the first failure. */
  async settled(): Promise<void> {
    const failed = (await Promise.allSettled(this.writes)).find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  }
}

/**
 * Turns one published article into chunks of FANOUT_CHUNK_SIZE active followers of a bucket. The chunks of the first
 * FANOUT_INLINE_FOLLOWERS followers the plan writes itself, as it cuts them: no chunk job to add, fetch and complete
 * for each, so a fan-out of that size (and the head of a larger one) lands as its followers are read. The rest go
 * out as chunk jobs for every worker. A chunk is the same either way (id, done-marker), so a retried plan that splits
 * them differently still writes each chunk once.
 */
@Injectable()
export class FanoutPlannerService {
  private readonly logger = new Logger(FanoutPlannerService.name);

  constructor(
    private readonly articles: ArticlesRepository,
    private readonly follows: FollowsRepository,
    private readonly affinities: AffinitiesRepository,
    private readonly jobs: JobProducer,
    private readonly config: AppConfig,
    private readonly params: RankingParameters,
    private readonly clock: Clock,
    private readonly outbox: FanoutOutboxRepository,
    private readonly chunkWriter: FanoutChunkService,
  ) {}

  /** Plans, then records the version's fan-out as complete (the sweep looks for those that never are). */
  async plan(job: JobPayloads['fanout.plan']): Promise<PlanResult> {
    const result = await this.planChunks(job);
    await this.outbox.markCompleted(job.articleId, job.version);
    return result;
  }

  private async planChunks({ articleId, version }: JobPayloads['fanout.plan']): Promise<PlanResult> {
    const article = await this.articles.fanoutHead(articleId);
    if (!article || article.status !== 'published') return { skipped: 'not published', followers: 0, chunks: 0 };
    if (article.version !== version) return { skipped: 'superseded by a newer version', followers: 0, chunks: 0 };
    const { topicIds } = article;

    const base = {
      articleId,
      version,
      publishedAtSec: Math.floor(article.publishedAt.getTime() / 1000),
      lnWeight: writeWeight(article.priority, this.params.ranking),
    };
    const span = await this.follows.followerIdSpan(topicIds);
    if (!span) return this.done(articleId, version, 0, 0);
    const activeSince = new Date(this.clock.nowMs() - this.config.ACTIVE_DAYS * 86_400_000);
    const inline = new InlineBudget(this.config.FANOUT_INLINE_FOLLOWERS);
    const results = await Promise.allSettled(
      scanRanges(span).map((range, index) => this.planRange(base, topicIds, activeSince, range, index, inline)),
    );
    // The writes already sent are awaited even when a range failed, so a retry never runs beside them.
    await inline.settled();
    for (const r of results) if (r.status === 'rejected') throw r.reason;
    const followers = results.reduce((n, r) => n + (r as PromiseFulfilledResult<{ followers: number }>).value.followers, 0);
    const chunks = results.reduce((n, r) => n + (r as PromiseFulfilledResult<{ chunks: number }>).value.chunks, 0);
    return this.done(articleId, version, followers, chunks, inline);
  }

  private done(articleId: string, version: number, followers: number, chunks: number, inline?: InlineBudget): PlanResult {
    const wrote = inline?.chunks ? { chunks: inline.chunks, written: inline.written, firstAtMs: inline.firstAtMs } : undefined;
    this.logger.log({ articleId, version, followers, chunks, inlineChunks: wrote?.chunks ?? 0 }, 'fan-out planned');
    return wrote ? { followers, chunks, inline: wrote } : { followers, chunks };
  }

  /**
   * Scans the followers in (after, upTo] and writes or enqueues their chunks, numbered from the range's own first seq;
   * the writes it starts are awaited by the caller (InlineBudget.settled).
   */
  private async planRange(
    base: Omit<JobPayloads['fanout.chunk'], 'bucket' | 'seq' | 'users' | 'userIds'>,
    topicIds: string[],
    activeSince: Date,
    { after: from, upTo }: ScanRange,
    index: number,
    inline: InlineBudget,
  ): Promise<{ followers: number; chunks: number }> {
    // Followers whose affinities move the weight; entries leave as their chunk is enqueued.
    const personal = new Map<string, number>();
    const chunker = new BucketChunker(this.config.FEED_BUCKETS, this.config.FANOUT_CHUNK_SIZE, index * RANGE_SEQ_STRIDE);
    let after = from;
    let followers = 0;
    let chunks = 0;
    // Chunks are enqueued as soon as they fill, in order, while the next page is read: workers start
    // writing while the scan continues.
    let enqueued: Promise<void> = Promise.resolve();
    const enqueue = (ready: BucketChunk[]) => {
      if (!ready.length) return;
      chunks += ready.length;
      const jobs: Enqueue<'fanout.chunk'>[] = [];
      for (const chunk of ready) {
        const job = this.chunkJob(base, chunk, personal);
        if (inline.take(chunk.userIds.length)) inline.add(this.chunkWriter.write(job.payload), this.clock.nowMs());
        else jobs.push(job);
      }
      if (!jobs.length) return;
      enqueued = enqueued.then(() => this.jobs.enqueueMany(jobs));
      enqueued.catch(() => undefined); // awaited below; this only keeps a failure from being "unhandled" meanwhile
    };
    const read = (cursor: string, limit: number) => {
      const page = this.follows.followerPage(topicIds, cursor, activeSince, limit, upTo);
      page.catch(() => undefined); // awaited in the loop
      return page;
    };
    let limit = FIRST_SCAN_PAGE;
    let scanned = 0;
    let next = read(after, limit);
    for (;;) {
      const page = await next;
      if (!page.scanned) break;
      const more = page.scanned === limit;
      const eager = scanned === 0 || (index === 0 && scanned < this.config.FANOUT_INLINE_FOLLOWERS);
      scanned += page.scanned;
      limit = Math.min(limit * 2, SCAN_PAGE);
      if (more) next = read(page.last, limit);
      followers += page.ids.length;
      for (const [userId, lnWeight] of await this.personalWeights(after, page.last, topicIds, base.lnWeight))
        personal.set(userId, lnWeight);
      after = page.last;
      enqueue(chunker.add(page.ids));
      if (!more) break;
      if (eager) enqueue(chunker.flush());
    }
    enqueue(chunker.flush());
    await enqueued;
    return { followers, chunks };
  }

  /**
   * ln(weight) with each follower's affinity for the article's topics (feed-ranking.ts), for the
   * followers in (after, last] who have any: one range query per page (the primary key's user_id
   * prefix), then which of the topics those few follow; a user who is not delivered to simply has no
   * chunk to carry their weight.
   */
  private async personalWeights(after: string, last: string, topicIds: string[], baseLnWeight: number): Promise<Map<string, number>> {
    const learned = await this.affinities.ofUserRange(after, last, topicIds);
    const weights = new Map<string, number>();
    if (!learned.size) return weights;
    const followed = await this.follows.followedAmong([...learned.keys()], topicIds);
    const now = this.clock.nowMs();
    for (const [userId, affinities] of learned) {
      const follows = followed.get(userId) ?? new Set<string>();
      const decayed = new Map(affinities.map((a) => [a.topicId, decayAffinity(a.score, a.updatedAt.getTime(), now, this.params.affinity)]));
      const lnWeight = Math.round((baseLnWeight + articleAffinity(topicIds, follows, decayed)) * 1e4) / 1e4;
      if (lnWeight !== Math.round(baseLnWeight * 1e4) / 1e4) weights.set(userId, lnWeight);
    }
    return weights;
  }

  private chunkJob(
    base: Omit<JobPayloads['fanout.chunk'], 'bucket' | 'seq' | 'users' | 'userIds'>,
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
      jobId: jobIds.chunk(base.articleId, base.version, chunk.bucket, chunk.seq),
      payload: {
        ...base,
        bucket: chunk.bucket,
        seq: chunk.seq,
        users: packUsers(chunk.userIds),
        ...(Object.keys(lnWeightByUser).length ? { lnWeightByUser } : {}),
      },
    };
  }
}
