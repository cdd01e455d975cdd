import { Inject, Injectable } from '@nestjs/common';
import { isEntityId } from '../infra/http/entity-id';
import { REDIS, RedisKeys } from '../infra/redis/redis.module';
import { isCluster, type RedisClient } from '../infra/redis/redis';
import { readPerSlot } from '../infra/redis/slot-groups';
import { toCardView } from './article-view';
import type { Article } from './article.entity';
import { ArticlesRepository, type TopicRow } from './articles.repository';
import { CachedCard, encodeEnvelope, hasStoryKey } from './card-envelope';
import { decodedCard } from './decoded-cards';
import { CARD_HEADS_LUA } from './card-heads.lua';
import { SET_CARD_IF_NOT_OLDER_LUA } from './card-version.lua';

export type { CachedCard } from './card-envelope';

/** What feeds filter and rank on, without the card itself. */
export type CardHead = Omit<CachedCard, 'cardJson'>;

type CardScripts = {
  cardHeads(numKeys: number, ...keys: string[]): Promise<string>;
  setCardIfNotOlder(key: string, value: string, version: number, ttlSeconds: number): Promise<number>;
};

const isHead = (h: unknown): h is CardHead =>
  h !== null &&
  typeof h === 'object' &&
  Array.isArray((h as CardHead).topicIds) &&
  typeof (h as CardHead).publishedAtMs === 'number' &&
  typeof (h as CardHead).status === 'string' &&
  hasStoryKey(h);

const TTL_SECONDS = 24 * 60 * 60;

/** The article version a stored value carries (an envelope's or an invalidation marker's), 0 for none. */
const storedVersion = (value: string | null | undefined): number => {
  const m = value ? /^\{"v":(\d+)/.exec(value) : null;
  return m ? Number(m[1]) : 0;
};

interface Loaded {
  card: CachedCard;
  version: number;
}

/** The stored value: the envelope (a JSON object string) with the article's version as its first field. */
const versioned = (envelope: string, version: number) => `{"v":${version},${envelope.slice(1)}`;

/**
 * Cards by article id, for topic lists and feeds: one Redis string per article at card:<id>.
 * Rebuilt from Postgres (articles + article_topics + topics) on a miss; a create or an edit stores the committed card
 * before it answers, a retraction invalidates. Values carry the article's version and an invalidation leaves a marker
 * of the new version, so a slow miss never writes an older card back.
 */
@Injectable()
export class CardCacheService {
  private readonly redis: RedisClient & CardScripts;
  /**
   * Loads from Postgres in flight in this process, by article id: the misses of one new card by many readers at once
   * (every reader of a fan-out) share one query. A miss takes a shared load only of at least the version Redis showed it.
   */
  private readonly loading = new Map<string, Promise<Loaded | undefined>>();

  constructor(
    @Inject(REDIS) redis: RedisClient,
    private readonly keys: RedisKeys,
    private readonly articles: ArticlesRepository,
  ) {
    redis.defineCommand('cardHeads', { lua: CARD_HEADS_LUA });
    redis.defineCommand('setCardIfNotOlder', { numberOfKeys: 1, lua: SET_CARD_IF_NOT_OLDER_LUA });
    this.redis = redis as RedisClient & CardScripts;
  }

  /** One MGET; the misses from Postgres in one query, written back in one pipeline. Unknown ids are absent. */
  async getMany(ids: string[]): Promise<Map<string, CachedCard>> {
    const wanted = [...new Set(ids)].filter(isEntityId);
    const found = new Map<string, CachedCard>();
    if (!wanted.length) return found;
    const values = await readPerSlot(
      this.redis,
      wanted.map((id) => this.key(id)),
      (keys) => this.redis.mget(keys),
    );
    const misses = new Map<string, number>();
    wanted.forEach((id, i) => {
      // Decoded once per version in this process, as the page script's prefetched cards are.
      const cached = values[i] == null ? null : decodedCard(Number(id), values[i]);
      if (cached) found.set(id, cached);
      else misses.set(id, storedVersion(values[i]));
    });
    if (misses.size) await this.fill(misses, found);
    return found;
  }

  /** Like getMany, but only the heads: one script call (per slot on a cluster) answering a small JSON array. */
  async getHeads(ids: string[]): Promise<Map<string, CardHead>> {
    const wanted = [...new Set(ids)].filter(isEntityId);
    const found = new Map<string, CardHead>();
    if (!wanted.length) return found;
    const heads = await readPerSlot(
      this.redis,
      wanted.map((id) => this.key(id)),
      async (keys) => JSON.parse(await this.redis.cardHeads(keys.length, ...keys)) as unknown[],
    );
    const misses = new Map<string, number>();
    wanted.forEach((id, i) => {
      const head = heads[i];
      if (isHead(head)) found.set(id, head);
      // The script answers a value without a card by its version alone.
      else misses.set(id, typeof head === 'number' ? head : 0);
    });
    if (misses.size) await this.fill(misses, found);
    return found;
  }

  /**
   * After a change commits. With the committed version, the entry becomes a marker of that version
   * (a miss to every reader) that older fills cannot overwrite; without one, the entry is deleted.
   */
  async invalidate(id: string, version?: number): Promise<void> {
    if (version === undefined) await this.redis.del(this.key(id));
    else await this.redis.setCardIfNotOlder(this.key(id), `{"v":${version}}`, version, TTL_SECONDS);
  }

  /** The misses (id → the least version Redis showed) from Postgres: a load in flight when new enough, else one query. */
  private async fill(misses: Map<string, number>, into: Map<string, CachedCard> | Map<string, CardHead>): Promise<void> {
    const shared: [string, Promise<Loaded | undefined>][] = [];
    const own: string[] = [];
    for (const id of misses.keys()) {
      const pending = this.loading.get(id);
      if (pending) shared.push([id, pending]);
      else own.push(id);
    }
    const mine = own.length ? this.load(own) : undefined;
    const again: string[] = [];
    for (const [id, pending] of shared) {
      const got = await pending;
      if (got && got.version >= misses.get(id)!) into.set(id, got.card);
      else again.push(id);
    }
    for (const [id, got] of await (mine ?? new Map<string, Loaded>())) into.set(id, got.card);
    if (again.length) for (const [id, got] of await this.load(again)) into.set(id, got.card);
  }

  /** One query for `ids`, each registered as in flight until it ends; the cards written back. */
  private load(ids: string[]): Promise<Map<string, Loaded>> {
    const all = this.loadAndStore(ids);
    for (const id of ids) {
      const one = all.then((m) => m.get(id)).catch(() => undefined);
      this.loading.set(id, one);
      void one.finally(() => {
        if (this.loading.get(id) === one) this.loading.delete(id);
      });
    }
    return all;
  }

  /**
   * After a create or an edit commits, before the answer: the card as committed, so the readers of its fan-out find it
   * rather than all missing it at once. Written unless a newer version is stored already.
   */
  async store(article: Article, topics: TopicRow[]): Promise<void> {
    await this.redis.setCardIfNotOlder(...this.entryOf(article, topics).write);
  }

  /** The cards of `ids` from Postgres (the repository's one query), written back to the cache. */
  private async loadAndStore(ids: string[]): Promise<Map<string, Loaded>> {
    const into = new Map<string, Loaded>();
    const loaded = await this.articles.loadWithTopics(ids, { withBody: false });
    if (!loaded.length) return into;
    const writes = loaded.map(({ article, topics }) => {
      const { card, write } = this.entryOf(article, topics);
      into.set(String(article.id), { card, version: article.version });
      return write;
    });
    // On a cluster the cards lie in many slots: the writes go out side by side rather than as one pipeline.
    if (isCluster(this.redis)) {
      await Promise.all(writes.map((w) => this.redis.setCardIfNotOlder(...w)));
      return into;
    }
    const pipeline = this.redis.pipeline();
    for (const w of writes) void (pipeline as unknown as CardScripts).setCardIfNotOlder(...w);
    await pipeline.exec();
    return into;
  }

  /** An article's card as cached, and the arguments of the write that stores it at the article's version. */
  private entryOf(article: Article, topics: TopicRow[]): { card: CachedCard; write: [string, string, number, number] } {
    const { value, cached } = encodeEnvelope(
      {
        topicIds: topics.map((t) => t.id),
        status: article.status,
        publishedAtMs: article.publishedAt.getTime(),
        priority: article.priority,
        storyKey: article.storyKey,
      },
      toCardView(article, topics),
    );
    return { card: cached, write: [this.key(article.id), versioned(value, article.version), article.version, TTL_SECONDS] };
  }

  private key(id: string): string {
    return this.keys.key('card', id);
  }
}
