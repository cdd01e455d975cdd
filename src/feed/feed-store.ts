import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { isCluster, type RedisClient } from '../infra/redis/redis';
import { AppConfig } from '../infra/config/app-config';
import { REDIS } from '../infra/redis/redis.module';
import { readPerSlot } from '../infra/redis/slot-groups';
import { FeedKeys } from './feed-keys';
import { decodeRecords, encodeRecords, FeedRecord, RECORD_BYTES } from './feed-record';
import { FEED_APPEND_LUA } from './lua/feed-append.lua';
import { FEED_MERGE_LUA } from './lua/feed-merge.lua';
import { FEED_PAGE_LUA } from './lua/feed-page.lua';

type FeedScripts = {
  feedAppend(numKeys: number, ...args: (string | Buffer | number)[]): Promise<number>;
  feedMerge(key: string, records: Buffer, max: number, create: string, ttl: number): Promise<number>;
  feedPageBuffer(
    feed: string,
    reader: string,
    count: string,
    ...args: (string | number)[]
  ): Promise<
    [
      Buffer | null,
      Buffer | null,
      number[],
      (Buffer | null)[],
      number,
      Buffer | null,
      Buffer | null,
      Buffer | null,
      [Buffer, Buffer, Buffer] | null,
      Buffer[]?,
      (Buffer | null)[]?,
      number[]?,
      (Buffer | null)[]?,
    ]
  >;
};

/** Which cards the page script reads with the window: a slice of the cached ranked top, or the newest arrivals before a position. */
export type CardPrefetch =
  { kind: 'top'; start: number; count: number } | { kind: 'tail'; before?: { t: number; id: number }; count: number } | { kind: 'none' };

export interface StoredPage {
  /** The reader's stored state as the page script read it (the login check and the read path use it). */
  reader: StoredReader;
  /** The packed window; null when the feed is missing. Decoded only when a read needs it (decodeRecords). */
  window: Buffer | null;
  /** sha1 of the packed window (hex): what a cached ranked top was made from. */
  digest: string;
  /** The cached ranked top of this reader state, when made from a window of this length: kept if its `d` is `digest`. */
  top: string | null;
  /** Instead of `top`: the kept top of this reader state made from a shorter window (feed-page.lua). */
  merge: StaleTop | null;
  /** Card values (as stored, null when missing) of the prefetched ids. */
  cards: Map<number, string | null>;
  /** Chunks Redis counts fewer than Postgres for the bucket (see feed-page.lua); keep it with a rebuild. */
  gap: number;
  /**
   * The stories of the prefetched cards (one Redis only): each one's stored member ids, null when not cached; and the
   * cards of those members, as `cards`. Not part of the page's versions: a page holding a story is tagged by its body.
   */
  stories: Map<string, number[] | null>;
  memberCards: Map<number, string | null>;
}

/** A kept ranked top, its merge basis (ranked-top.ts) and the records past the length of the window it was made from. */
export interface StaleTop {
  top: string;
  basis: Buffer;
  arrivals: Buffer;
  /** sha1 of this window without the arrivals: when it is the top's `d`, the window only grew since (a merge). */
  priorDigest: string;
}

export interface StoredReader {
  /** '0' when no invalidation has happened since the hash was created. */
  generation: string;
  state: string | null;
  /** The stored state's version: the cached `top` was made from it. */
  version: string | null;
}

// Appends go over the cap by this many records before a trim, so a trim is paid once per 64 writes.
const TRIM_SLACK_RECORDS = 64;
const CHUNK_MARKER_TTL_SECONDS = 7 * 86400;

/**
 * Per-user feeds in Redis: a packed string of 12-byte records per user (feed-record.ts).
 * Rebuilt from Postgres whenever missing (ReadContextService), so Redis holds nothing that can be lost.
 */
@Injectable()
export class FeedStore {
  private readonly redis: RedisClient & FeedScripts;

  constructor(
    @Inject(REDIS) redis: RedisClient,
    private readonly feedKeys: FeedKeys,
    private readonly config: AppConfig,
  ) {
    redis.defineCommand('feedAppend', { lua: FEED_APPEND_LUA });
    redis.defineCommand('feedMerge', { lua: FEED_MERGE_LUA, numberOfKeys: 1 });
    redis.defineCommand('feedPage', { lua: FEED_PAGE_LUA, numberOfKeys: 3 });
    this.redis = redis as RedisClient & FeedScripts;
    this.idleTtlSeconds = config.FEED_IDLE_TTL_DAYS * 86400;
  }

  private readonly idleTtlSeconds: number;

  get maxItems(): number {
    return this.config.FEED_MAX_ITEMS;
  }

  /** Reads a feed; null when it is missing (never built, lost, or erased). */
  async read(userId: string): Promise<FeedRecord[] | null> {
    const buf = await this.redis.getBuffer(this.feedKeys.feed(userId));
    return buf === null ? null : decodeRecords(buf);
  }

  /**
   * A warm page's one round trip (feed-page.lua): reader state, window, cached ranked top and the likely page's
   * cards. The top is returned only when made from this window and the stored state (`reader.version`).
   */
  async readPage(
    userId: string,
    postgresChunks: number,
    prefetch: CardPrefetch,
    cardKeyPrefix: string,
    storyKeyPrefix = '',
  ): Promise<StoredPage> {
    // The cards lie outside the reader's slot: on a cluster the script only names them, and they are read per slot below.
    const cluster = isCluster(this.redis);
    const args: (string | number)[] = [cluster ? '' : cardKeyPrefix, postgresChunks];
    if (prefetch.kind === 'top') args.push('top', prefetch.start, prefetch.count, '');
    else if (prefetch.kind === 'tail') args.push('tail', prefetch.before?.t ?? '', prefetch.count, prefetch.before?.id ?? '');
    else args.push('', '', '', '');
    // Story members are read beside the cards, so only where the script reads the cards.
    args.push(cluster ? '' : storyKeyPrefix);
    const answer = await this.redis.feedPageBuffer(
      this.feedKeys.feed(userId),
      this.feedKeys.readerState(userId),
      this.feedKeys.fanoutCount(this.feedKeys.bucketOf(userId)),
      ...args,
    );
    const [window, top, ids, values, gap, generation, state, version, merge] = answer;
    // Hashed here rather than in the script: sha1 of the window was a fifth of the script's time on Redis's one thread.
    const hash = createHash('sha1');
    let priorDigest = '';
    if (window && merge) {
      hash.update(window.subarray(0, window.length - merge[2].length));
      priorDigest = hash.copy().digest('hex');
      hash.update(merge[2]);
    } else if (window) hash.update(window);
    const digest = window ? hash.digest('hex') : '';
    const cardValues =
      cluster && ids.length
        ? await readPerSlot(
            this.redis,
            ids.map((id) => cardKeyPrefix + id),
            (keys) => this.redis.mgetBuffer(keys),
          )
        : values;
    const cards = new Map<number, string | null>();
    ids.forEach((id, i) => cards.set(Number(id), cardValues[i] ? cardValues[i].toString() : null));
    const reader = {
      generation: generation ? generation.toString() : '0',
      state: state && state.toString(),
      version: version && version.toString(),
    };
    const [storyKeys = [], members = [], memberIds = [], memberValues = []] = answer.slice(9) as [
      Buffer[]?,
      (Buffer | null)[]?,
      number[]?,
      (Buffer | null)[]?,
    ];
    const stories = new Map<string, number[] | null>();
    storyKeys.forEach((key, i) => {
      const stored = members[i];
      stories.set(key.toString(), stored ? (stored.length ? stored.toString().split(',').map(Number) : []) : null);
    });
    const memberCards = new Map<number, string | null>();
    memberIds.forEach((id, i) => memberCards.set(Number(id), memberValues[i]?.toString() ?? null));
    return {
      reader,
      window,
      digest,
      top: top && top.toString(),
      merge: merge && { top: merge[0].toString(), basis: merge[1], arrivals: merge[2], priorDigest },
      cards,
      gap: Number(gap),
      stories,
      memberCards,
    };
  }

  /** After a rebuild from Postgres: the feed is complete as of this watermark gap (feed-page.lua). */
  async markRebuilt(userId: string, gap: number): Promise<void> {
    await this.redis.hset(this.feedKeys.readerState(userId), 'gap', Math.max(0, gap));
  }

  /** Keeps a ranked top and its merge basis beside the reader state; dropped by every state write (reader-state.lua). */
  async saveTop(userId: string, top: string, basis: Buffer): Promise<void> {
    await this.redis.hset(this.feedKeys.readerState(userId), 'top', top, 'topm', basis);
  }

  /**
   * Writes one record into the existing feeds of users of one bucket (all in `bucket`: their keys are built from
   * it, not from each id), once per chunk id; a user named
   * in `lnWeightByUser` gets the record with that ln(weight) instead (their affinity for its topics).
   * `announce` is published on its channel (the bucket's, same slot) by the same call, also on a repeat.
   * Returns how many feeds were written, or -1 when this chunk had already been applied.
   */
  appendToBucket(
    bucket: number,
    userIds: string[],
    record: FeedRecord,
    chunk: { articleId: string; version: number; seq: number },
    lnWeightByUser: Record<string, number> = {},
    announce?: { channel: string; message: string },
  ): Promise<number> {
    const keys = this.feedKeys.feedsInBucket(bucket, userIds);
    keys.push(this.feedKeys.fanoutCount(bucket));
    keys.push(this.feedKeys.chunkDone(bucket, chunk.articleId, chunk.version, chunk.seq));
    const personal = userIds.some((id) => id in lnWeightByUser)
      ? encodeRecords(userIds.map((id) => ({ ...record, lnWeight: lnWeightByUser[id] ?? record.lnWeight })))
      : '';
    return this.redis.feedAppend(
      keys.length,
      ...keys,
      encodeRecords([record]),
      this.maxItems * RECORD_BYTES,
      TRIM_SLACK_RECORDS * RECORD_BYTES,
      CHUNK_MARKER_TTL_SECONDS,
      personal,
      ...(announce ? [isCluster(this.redis) ? 'SPUBLISH' : 'PUBLISH', announce.channel, announce.message] : []),
    );
  }

  /** Merges records into a feed; `create` builds a missing feed (a rebuild), else it stays missing. */
  merge(userId: string, records: FeedRecord[], create: boolean): Promise<number> {
    return this.redis.feedMerge(this.feedKeys.feed(userId), encodeRecords(records), this.maxItems, create ? '1' : '0', this.idleTtlSeconds);
  }

  async erase(userId: string): Promise<void> {
    await this.redis.unlink(this.feedKeys.feed(userId));
  }
}
