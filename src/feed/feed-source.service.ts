import { Injectable } from '@nestjs/common';
import { ArticleRef, ArticlesRepository } from '../articles/articles.repository';
import { FollowsRepository } from '../follows/follows.repository';
import type { TopicGraph } from '../follows/topic-graph';
import { UsersRepository } from '../users/users.repository';
import { writeWeight } from '../ranking/feed-score';
import { RankingParameters } from '../ranking/ranking-parameters';
import type { FeedRecord } from './feed-record';

export type { ArticleRef } from '../articles/articles.repository';
export type { TopicGraph } from '../follows/topic-graph';

/** Postgres, the source every feed is (re)built from, through the repositories that own its tables. */
@Injectable()
export class FeedSourceService {
  constructor(
    private readonly follows: FollowsRepository,
    private readonly articles: ArticlesRepository,
    private readonly users: UsersRepository,
    private readonly params: RankingParameters,
  ) {}

  topicGraph(userId: string): Promise<TopicGraph> {
    return this.follows.topicGraph(userId);
  }

  /** The newest visible articles carrying any of `topicIds` and none of `muteIds`, newest first, strictly before `before`. */
  recentArticles(
    topicIds: Iterable<string>,
    muteIds: Iterable<string>,
    limit: number,
    before?: { publishedAt: Date; id: string },
  ): Promise<ArticleRef[]> {
    return this.articles.recentByTopics(topicIds, muteIds, limit, before);
  }

  /**
   * The articles of a whole-feed rebuild, on the read replica when one is set: it may lag by the replica's delay,
   * and an article it has not replayed yet still reaches the rebuilt feed through its fan-out chunk.
   */
  rebuildArticles(topicIds: Iterable<string>, muteIds: Iterable<string>, limit: number): Promise<ArticleRef[]> {
    return this.articles.recentByTopics(topicIds, muteIds, limit, undefined, true);
  }

  toRecord(article: ArticleRef): FeedRecord {
    return {
      articleId: Number(article.id),
      publishedAtSec: Math.floor(article.publishedAt.getTime() / 1000),
      lnWeight: writeWeight(article.priority, this.params.ranking),
    };
  }

  markActive(userId: string): Promise<void> {
    return this.users.touchLastActive(userId);
  }
}
