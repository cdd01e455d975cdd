import { cardMatchesMutedWords } from './muted-words';

/**
 * THE feed rule: a reader's feed shows an article when it is published, due (its publishedAt has come),
 * carries a topic the reader follows and none the reader mutes. Each clause is written twice, side by
 * side: in memory (cards in Redis, the read path and live events) and as SQL (rebuilds, backfills,
 * fan-out planning, audience checks). test/medium/feed-rule.spec.ts holds both forms to the same answers.
 *
 * A new clause (muted words, stories) is one more entry in FEED_RULE with both forms, plus whatever the
 * reader side needs in FeedReader; every caller picks it up.
 */

/** What the rule asks of an article; a card head (articles/card-cache.service) is one. */
export interface FeedArticle {
  status: string;
  publishedAtMs: number;
  /** In display order. */
  topicIds: readonly string[];
}

/** What the rule asks of a reader. */
export interface FeedReader {
  follows: ReadonlySet<string>;
  mutes: ReadonlySet<string>;
}

/**
 * SQL expressions a clause is written against. Each is a fragment of the caller's statement: a column,
 * a parameter (`$3::bigint[]`) or a sub-select.
 */
export interface FeedRuleSqlRefs {
  /** An `articles` row alias, e.g. `a`. */
  article: string;
  /** The article's topic ids as a bigint[] expression. */
  articleTopics: string;
  /** The reader's user id expression. */
  user: string;
  /** The instant to judge "due" at (timestamptz). */
  now: string;
}

interface FeedClause {
  name: string;
  holds(article: FeedArticle, reader: FeedReader, nowMs: number): boolean;
  sql(refs: FeedRuleSqlRefs): string;
}

// ---- The clauses, each in both forms ------------------------------------------------------------

export const publishedAndDue = {
  holds: (a: Pick<FeedArticle, 'status' | 'publishedAtMs'>, nowMs: number): boolean => a.status === 'published' && a.publishedAtMs <= nowMs,
  /** On an `articles` row. */
  sql: (article: string, now: string): string => `${article}.status = 'published' AND ${article}.published_at <= ${now}`,
  /**
   * On an `article_topics` row, whose listed (= published) and published_at copy the article's, so that
   * a topic's visible articles come from one index range scan (article_topics_listing_idx).
   */
  listingSql: (articleTopic: string, now: string): string => `${articleTopic}.listed AND ${articleTopic}.published_at <= ${now}`,
};

export const followsATopic = {
  holds: (topicIds: readonly string[], reader: Pick<FeedReader, 'follows'>): boolean => topicIds.some((id) => reader.follows.has(id)),
  sql: (user: string, topics: string): string =>
    `EXISTS (SELECT 1 FROM follows f WHERE f.user_id = ${user} AND f.topic_id = ANY(${topics}))`,
};

export const mutesNoTopic = {
  holds: (topicIds: readonly string[], reader: Pick<FeedReader, 'mutes'>): boolean => !topicIds.some((id) => reader.mutes.has(id)),
  /** The reader's mutes read from the mutes table. */
  sql: (user: string, topics: string): string =>
    `NOT EXISTS (SELECT 1 FROM mutes m WHERE m.user_id = ${user} AND m.topic_id = ANY(${topics}))`,
  /**
   * For many readers at once (the fan-out's follower pages), each with an id in (above, upTo]: the muters of the topics
   * among those ids are read once into a hashed set (mutes_topic_idx) instead of probing every reader's mutes.
   */
  inUserRangeSql: (user: string, topics: string, above: string, upTo: string): string =>
    `${user} NOT IN (SELECT m.user_id FROM mutes m WHERE m.topic_id = ANY(${topics}) AND m.user_id > ${above} AND m.user_id <= ${upTo})`,
  /** The reader's mutes already known (a bigint[] parameter), the article by id. */
  knownMutesSql: (articleId: string, muteIds: string): string =>
    `NOT EXISTS (SELECT 1 FROM article_topics mt WHERE mt.article_id = ${articleId} AND mt.topic_id = ANY(${muteIds}))`,
};

export const FEED_RULE: readonly FeedClause[] = [
  {
    name: 'published and due',
    holds: (article, _reader, nowMs) => publishedAndDue.holds(article, nowMs),
    sql: (r) => publishedAndDue.sql(r.article, r.now),
  },
  {
    name: 'carries a followed topic',
    holds: (article, reader) => followsATopic.holds(article.topicIds, reader),
    sql: (r) => followsATopic.sql(r.user, r.articleTopics),
  },
  {
    name: 'carries no muted topic',
    holds: (article, reader) => mutesNoTopic.holds(article.topicIds, reader),
    sql: (r) => mutesNoTopic.sql(r.user, r.articleTopics),
  },
];

// ---- The whole rule ------------------------------------------------------------------------------

/** In memory: may this reader see this article in their feed now. */
export function isInFeed(article: FeedArticle, reader: FeedReader, nowMs: number): boolean {
  return FEED_RULE.every((clause) => clause.holds(article, reader, nowMs));
}

/**
 * A reader's own view (feed, catch-up, counts, markers, live stream): the rule, and no muted word of theirs in
 * the card's headline or summary (the one matcher, ./muted-words.ts). `mutedWords`: the phrases in force now.
 */
export function isInReadersView(
  card: FeedArticle & { cardJson: string },
  reader: FeedReader,
  mutedWords: readonly string[],
  nowMs: number,
): boolean {
  return isInFeed(card, reader, nowMs) && !cardMatchesMutedWords(card.cardJson, mutedWords);
}

/** As one SQL condition on an `articles` row and a user. */
export function isInFeedSql(refs: FeedRuleSqlRefs): string {
  return FEED_RULE.map((clause) => `(${clause.sql(refs)})`).join(' AND ');
}
