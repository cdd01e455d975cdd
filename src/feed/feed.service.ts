import { Injectable } from '@nestjs/common';
import { CardCacheService, type CachedCard } from '../articles/card-cache.service';
import { AppConfig } from '../infra/config/app-config';
import type { User } from '../users/user.entity';
import { FeedCursor, formatFeedCursor, parseFeedCursor } from './feed-cursor';
import { FeedMode, isAfter, Keyed, orderFeed } from './feed-ranking';
import type { FeedRecord } from './feed-record';
import { FeedSourceService, TopicGraph } from './feed-source.service';
import { FeedStore } from './feed-store';

export interface FeedItem {
  article: Record<string, unknown>;
  reasons: { type: 'topic'; topic: { slug: string; name: string } }[];
}

export interface FeedPage {
  items: FeedItem[];
  nextCursor: string | null;
  state: 'ready' | 'rebuilding';
}

interface Found {
  card: CachedCard;
  /** Position in the order it was found in: the Redis window's, or Postgres's past its end. */
  at: { s: 'r'; key: number; articleId: number } | { s: 'p'; t: number; articleId: number };
}

// A reader counts as active again, for fan-out, when last seen longer ago than this.
const ACTIVITY_RESOLUTION_MS = 3600_000;

/** The read path: window from Redis (rebuilt from Postgres when missing or cold), cards, filters. */
@Injectable()
export class FeedService {
  constructor(
    private readonly store: FeedStore,
    private readonly source: FeedSourceService,
    private readonly cards: CardCacheService,
    private readonly config: AppConfig,
  ) {}

  async page(user: User, query: { mode: FeedMode; limit: number; cursor?: string }): Promise<FeedPage> {
    const cursor = parseFeedCursor(query.cursor, query.mode);
    const graph = await this.source.topicGraph(user.id);
    const window = await this.window(user, graph);
    const need = query.limit + 1;

    const found =
      cursor?.s === 'p'
        ? await this.fromPostgres(graph, { t: cursor.t, id: cursor.id }, need, new Set())
        : await this.fromWindow(window, graph, query.mode, cursor, need);
    if (found.length < need && cursor?.s !== 'p' && window.length >= this.store.maxItems) {
      found.push(...(await this.pastWindow(window, graph, need - found.length)));
    }

    const items = found.slice(0, query.limit);
    const last = items[items.length - 1];
    const nextCursor = found.length === need ? formatFeedCursor(this.cursorAt(last, query.mode)) : null;
    return { items: items.map((f) => this.toItem(f.card, graph)), nextCursor, state: 'ready' };
  }

  /** Feed articles published after `since` (within the Redis window). */
  async newCount(user: User, since: Date): Promise<number> {
    const graph = await this.source.topicGraph(user.id);
    const window = await this.window(user, graph);
    const sinceSec = Math.floor(since.getTime() / 1000);
    const candidates = window.filter((r) => r.publishedAtSec >= sinceSec).map((r) => String(r.articleId));
    const cards = await this.cards.getMany(candidates);
    const now = Date.now();
    return candidates.filter((id) => {
      const card = cards.get(id);
      return card && this.isVisible(card, graph, now) && card.publishedAtMs > since.getTime();
    }).length;
  }

  private async window(user: User, graph: TopicGraph): Promise<FeedRecord[]> {
    const lastSeen = user.lastActiveAt.getTime();
    const cold = lastSeen < Date.now() - this.config.ACTIVE_DAYS * 86_400_000;
    const stored = cold ? null : await this.store.read(user.id);
    if (stored) {
      if (lastSeen < Date.now() - ACTIVITY_RESOLUTION_MS) await this.source.markActive(user.id);
      return stored;
    }
    // Marked active first, so fan-outs planned from now on include this reader.
    await this.source.markActive(user.id);
    const recent = await this.source.recentArticles(graph.follows, graph.mutes, this.store.maxItems);
    await this.store.merge(user.id, recent.map((a) => this.source.toRecord(a)), true);
    return (await this.store.read(user.id)) ?? [];
  }

  private async fromWindow(
    window: FeedRecord[],
    graph: TopicGraph,
    mode: FeedMode,
    cursor: Extract<FeedCursor, { s: 'r' }> | undefined,
    need: number,
  ): Promise<Found[]> {
    const ordered = orderFeed(window, mode, this.source.rankingParams);
    const position: Keyed | undefined = cursor && { key: cursor.k, articleId: cursor.id };
    let i = position ? ordered.findIndex((r) => isAfter(r, position)) : 0;
    if (i < 0) return [];
    const found: Found[] = [];
    const now = Date.now();
    while (i < ordered.length && found.length < need) {
      const batch = ordered.slice(i, i + need * 2);
      i += batch.length;
      const cards = await this.cards.getMany(batch.map((r) => String(r.articleId)));
      for (const r of batch) {
        const card = cards.get(String(r.articleId));
        if (!card || !this.isVisible(card, graph, now)) continue;
        found.push({ card, at: { s: 'r', key: r.key, articleId: r.articleId } });
        if (found.length === need) break;
      }
    }
    return found;
  }

  /** Continues below the oldest entry of a full window, from Postgres. */
  private pastWindow(window: FeedRecord[], graph: TopicGraph, need: number): Promise<Found[]> {
    const oldestSec = Math.min(...window.map((r) => r.publishedAtSec));
    // Records keep whole seconds; start at the end of that second and drop what the window holds.
    const inWindow = new Set(window.map((r) => String(r.articleId)));
    return this.fromPostgres(graph, { t: (oldestSec + 1) * 1000, id: 0 }, need, inWindow);
  }

  private async fromPostgres(
    graph: TopicGraph,
    before: { t: number; id: number },
    need: number,
    skip: Set<string>,
  ): Promise<Found[]> {
    const refs = await this.source.recentArticles(graph.follows, graph.mutes, need + skip.size, {
      publishedAt: new Date(before.t),
      id: String(before.id || 0),
    });
    const wanted = refs.filter((r) => !skip.has(r.id));
    const cards = await this.cards.getMany(wanted.map((r) => r.id));
    const now = Date.now();
    const found: Found[] = [];
    for (const ref of wanted) {
      const card = cards.get(ref.id);
      if (!card || !this.isVisible(card, graph, now)) continue;
      found.push({ card, at: { s: 'p', t: ref.publishedAt.getTime(), articleId: Number(ref.id) } });
      if (found.length === need) break;
    }
    return found;
  }

  private cursorAt(found: Found, mode: FeedMode): FeedCursor {
    return found.at.s === 'r'
      ? { m: mode, s: 'r', k: found.at.key, id: found.at.articleId }
      : { m: mode, s: 'p', t: found.at.t, id: found.at.articleId };
  }

  /** Published, due, carrying a followed topic and no muted one: the contract's feed rule. */
  private isVisible(card: CachedCard, graph: TopicGraph, now: number): boolean {
    return (
      card.status === 'published' &&
      card.publishedAtMs <= now &&
      card.topicIds.some((id) => graph.follows.has(id)) &&
      !card.topicIds.some((id) => graph.mutes.has(id))
    );
  }

  private toItem(card: CachedCard, graph: TopicGraph): FeedItem {
    const article = JSON.parse(card.cardJson) as { topics: { slug: string; name: string }[] };
    const reasons = article.topics
      .filter((_, i) => graph.follows.has(card.topicIds[i]))
      .map((topic) => ({ type: 'topic' as const, topic: { slug: topic.slug, name: topic.name } }));
    return { article, reasons };
  }
}
