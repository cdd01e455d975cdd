import { Injectable } from '@nestjs/common';
import { ReaderSignalsService } from '../signals/reader-signals.service';
import { articleAffinity } from '../ranking/affinity';
import { writeWeight } from '../ranking/feed-score';
import { RankingParameters } from '../ranking/ranking-parameters';
import type { FeedRecord } from './feed-record';
import { ArticleRef, FeedSourceService, TopicGraph } from './feed-source.service';
import { FeedStore } from './feed-store';

/**
 * Writes a reader's feed from Postgres: the one place records are made outside the fan-out, so a
 * rebuild (missing or cold feed, CLI), a follow backfill and an unmute all weigh entries alike.
 */
@Injectable()
export class FeedWriterService {
  constructor(
    private readonly store: FeedStore,
    private readonly source: FeedSourceService,
    private readonly signals: ReaderSignalsService,
    private readonly params: RankingParameters,
  ) {}

  /** Merges the reader's newest FEED_MAX_ITEMS into the feed, creating it; returns its record count. */
  async rebuild(userId: string, graph?: TopicGraph): Promise<number> {
    const topics = graph ?? (await this.source.topicGraph(userId));
    const recent = await this.source.rebuildArticles(topics.follows, topics.mutes, this.store.maxItems);
    return this.store.merge(userId, await this.personalRecords(userId, topics, recent), true);
  }

  /** Merges the newest `limit` articles of `topicIds` into an existing feed (a missing one stays missing). */
  async backfill(userId: string, topicIds: Iterable<string>, limit: number): Promise<void> {
    const graph = await this.source.topicGraph(userId);
    const recent = await this.source.recentArticles(topicIds, graph.mutes, limit);
    await this.store.merge(userId, await this.personalRecords(userId, graph, recent), false);
  }

  /** Records as the fan-out writes them: hidden articles left out, ln(weight) with the reader's affinity. */
  private async personalRecords(userId: string, graph: TopicGraph, refs: ArticleRef[]): Promise<FeedRecord[]> {
    const ids = refs.map((a) => a.id);
    const [signals, topics] = await Promise.all([this.signals.forFeed(userId, ids.map(Number), true), this.signals.articleTopics(ids)]);
    return refs
      .filter((a) => !signals.hidden.has(Number(a.id)))
      .map((a) => ({
        ...this.source.toRecord(a),
        lnWeight: writeWeight(a.priority, this.params.ranking, articleAffinity(topics.get(a.id) ?? [], graph.follows, signals.affinities)),
      }));
  }
}
