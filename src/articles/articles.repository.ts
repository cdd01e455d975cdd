import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { mutesNoTopic, publishedAndDue } from '../feed-rules/feed-rule';
import { Clock } from '../infra/clock/clock';
import type { Queryable } from '../infra/database/queryable';
import type { ArticleState } from './article-changes';
import { Article, ArticlePriority, ArticleStatus } from './article.entity';
import { onReplica } from '../infra/database/replica';

export interface TopicRow {
  id: string;
  slug: string;
  name: string;
}

export interface ArticleWithTopics {
  article: Article;
  topics: TopicRow[];
}

/** What a fan-out or an alert plan starts from: the version's state and its topics in display order. */
export interface FanoutHead {
  status: ArticleStatus;
  version: number;
  priority: ArticlePriority;
  publishedAt: Date;
  topicIds: string[];
}

export interface ArticleRef {
  id: string;
  publishedAt: Date;
  priority: ArticlePriority;
}

/** A position in a newest-first list: published_at to the microsecond (as Postgres prints it) and the article id. */
export interface ListedArticle {
  id: string;
  t: string;
}

const CARD_COLUMNS = [
  'id',
  'slug',
  'headline',
  'summary',
  'imageUrl',
  'imageCaption',
  'authors',
  'status',
  'priority',
  'storyKey',
  'publishedAt',
  'updatedAt',
  'version',
] as const;

const END_OF_TIME = { publishedAt: new Date('9999-12-31T00:00:00Z'), id: '9223372036854775807' };

/**
 * The articles and article_topics tables. article_topics copies the article's published_at and
 * listed (= published) so that a topic's newest articles come from one index range scan
 * (article_topics_listing_idx); every write of an article keeps it in step, in the same transaction.
 */
@Injectable()
export class ArticlesRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock = new Clock(),
  ) {}

  /** Articles with their topics in display order, in one statement however many ids; unknown ids are left out. */
  async loadWithTopics(ids: string[], options: { withBody: boolean }): Promise<ArticleWithTopics[]> {
    if (!ids.length) return [];
    const columns = options.withBody ? [...CARD_COLUMNS, 'body', 'externalId', 'createdAt'] : CARD_COLUMNS;
    const { entities, raw } = await this.db
      .getRepository(Article)
      .createQueryBuilder('a')
      .select(columns.map((c) => `a.${c}`))
      .addSelect(
        `(SELECT coalesce(json_agg(json_build_object('id', t.id::text, 'slug', t.slug, 'name', t.name) ORDER BY at.position), '[]'::json)
            FROM article_topics at JOIN topics t ON t.id = at.topic_id WHERE at.article_id = a.id)`,
        'topics',
      )
      .where('a.id = ANY(CAST(:ids AS bigint[]))', { ids })
      .getRawAndEntities<{ a_id: string; topics: TopicRow[] }>();
    const topicsById = new Map(raw.map((r) => [String(r.a_id), r.topics]));
    return entities.map((article) => ({ article, topics: topicsById.get(String(article.id)) ?? [] }));
  }

  // ---- Writes, inside the caller's transaction --------------------------------------------

  lockById(m: EntityManager, id: string): Promise<Article | null> {
    return m.findOne(Article, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  lockByExternalId(m: EntityManager, externalId: string): Promise<Article | null> {
    return m.findOne(Article, { where: { externalId }, lock: { mode: 'pessimistic_write' } });
  }

  /** The new article, or null when the externalId was taken meanwhile (the insert waited for that transaction). */
  async insert(
    m: EntityManager,
    fields: Omit<ArticleState, 'topicIds'> & { externalId: string | null; slug: string },
  ): Promise<Article | null> {
    const insert = m.createQueryBuilder().insert().into(Article).values(fields).returning(['id', 'version', 'created_at', 'updated_at']);
    const inserted = await (fields.externalId === null ? insert : insert.orIgnore()).execute();
    const row = (inserted.raw as { id: string; version: number; created_at: Date; updated_at: Date }[])[0];
    if (row === undefined) return null;
    // The row holds what was sent plus what Postgres filled in: no read back (a publish's fixed cost).
    return m.create(Article, { ...fields, id: String(row.id), version: row.version, createdAt: row.created_at, updatedAt: row.updated_at });
  }

  save(m: EntityManager, article: Article): Promise<Article> {
    return m.save(article);
  }

  /** The article's topics in order, replacing those it had, with its published_at and listed copied in. */
  async writeTopics(m: Queryable, article: Article, topicIds: string[]): Promise<void> {
    await m.query(`DELETE FROM article_topics WHERE article_id = $1 AND NOT (topic_id = ANY($2::bigint[]))`, [article.id, topicIds]);
    await this.addTopics(m, article, topicIds);
  }

  /** writeTopics for an article that has none yet (just inserted): nothing to remove. */
  async addTopics(m: Queryable, article: Article, topicIds: string[]): Promise<void> {
    await m.query(
      `INSERT INTO article_topics (article_id, topic_id, position, published_at, listed)
       SELECT $1, t.id, t.ord - 1, $3, $4 FROM unnest($2::bigint[]) WITH ORDINALITY AS t(id, ord)
       ON CONFLICT (article_id, topic_id) DO UPDATE
         SET position = EXCLUDED.position, published_at = EXCLUDED.published_at, listed = EXCLUDED.listed`,
      [article.id, topicIds, article.publishedAt, article.status === 'published'],
    );
  }

  async unlistTopics(m: Queryable, articleId: string): Promise<void> {
    await m.query(`UPDATE article_topics SET listed = false WHERE article_id = $1 AND listed`, [articleId]);
  }

  readTopics(m: Queryable, articleId: string): Promise<TopicRow[]> {
    return m.query(
      `SELECT t.id::text AS id, t.slug, t.name
         FROM article_topics at JOIN topics t ON t.id = at.topic_id
        WHERE at.article_id = $1 ORDER BY at.position`,
      [articleId],
    );
  }

  // ---- Reads for the fan-out, the feed and signals ----------------------------------------

  /** What the fan-out plans from; undefined for an unknown id. */
  async fanoutHead(id: string): Promise<FanoutHead | undefined> {
    const [row]: { status: ArticleStatus; version: number; priority: ArticlePriority; published_at: Date; topic_ids: string[] }[] =
      await this.db.query(
        `SELECT status, version, priority, published_at,
                array(SELECT topic_id::text FROM article_topics WHERE article_id = a.id ORDER BY position) AS topic_ids
           FROM articles a WHERE id = $1`,
        [id],
      );
    return (
      row && { status: row.status, version: row.version, priority: row.priority, publishedAt: row.published_at, topicIds: row.topic_ids }
    );
  }

  /** Topic ids of articles in display order (any status). */
  async topicIdsOfMany(articleIds: string[]): Promise<Map<string, string[]>> {
    if (!articleIds.length) return new Map();
    const rows: { id: string; topic_ids: string[] }[] = await this.db.query(
      `SELECT article_id::text AS id, array_agg(topic_id::text ORDER BY position) AS topic_ids
         FROM article_topics WHERE article_id = ANY($1::bigint[]) GROUP BY article_id`,
      [articleIds],
    );
    return new Map(rows.map((r) => [r.id, r.topic_ids]));
  }

  /** Topics (display order) of those of the articles that are published and due; the others are absent. */
  async visibleTopicIdsOf(ids: string[]): Promise<Map<string, string[]>> {
    if (!ids.length) return new Map();
    const rows: { id: string; topic_ids: string[] }[] = await this.db.query(
      `SELECT a.id::text AS id,
              coalesce(array_agg(at.topic_id::text ORDER BY at.position) FILTER (WHERE at.topic_id IS NOT NULL), '{}') AS topic_ids
         FROM articles a LEFT JOIN article_topics at ON at.article_id = a.id
        WHERE a.id = ANY($1::bigint[]) AND ${publishedAndDue.sql('a', '$2::timestamptz')}
        GROUP BY a.id`,
      [[...new Set(ids)], this.clock.now()],
    );
    return new Map(rows.map((r) => [r.id, r.topic_ids]));
  }

  /** Published and due. */
  async isPubliclyVisible(id: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `SELECT 1 FROM articles a WHERE a.id = $1 AND ${publishedAndDue.sql('a', '$2::timestamptz')}`,
      [id, this.clock.now()],
    );
    return rows.length > 0;
  }

  /** A topic's listed, due articles, newest first, strictly after `after`. A keyset walk of article_topics_listing_idx. */
  listedInTopic(topicId: string, limit: number, after?: { t: string; id: string }): Promise<ListedArticle[]> {
    return this.db.query(
      `SELECT article_id::text AS id,
              to_char(published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS t
         FROM article_topics at
        WHERE topic_id = $1 AND ${publishedAndDue.listingSql('at', '$3::timestamptz')}
          ${after ? 'AND (published_at, article_id) < ($4::timestamptz, $5::bigint)' : ''}
        ORDER BY published_at DESC, article_id DESC
        LIMIT $2`,
      after ? [topicId, limit, this.clock.now(), after.t, after.id] : [topicId, limit, this.clock.now()],
    );
  }

  /**
   * The published articles (due or scheduled) of each story, newest first, at most `perStory` each: the story
   * members cache's fill (articles/story-members.service.ts). One index range scan per key (articles_story_listing_idx).
   */
  async publishedInStories(storyKeys: string[], perStory: number): Promise<Map<string, string[]>> {
    const rows: { story_key: string; id: string }[] = await this.db.query(
      `SELECT k.story_key, m.id::text AS id
         FROM unnest($1::text[]) AS k(story_key)
         CROSS JOIN LATERAL (
           SELECT a.id FROM articles a WHERE a.story_key = k.story_key AND a.status = 'published'
            ORDER BY a.published_at DESC, a.id DESC LIMIT $2) m`,
      [storyKeys, perStory],
    );
    const byKey = new Map<string, string[]>(storyKeys.map((k) => [k, []]));
    for (const r of rows) byKey.get(r.story_key)!.push(r.id);
    return byKey;
  }

  /** A story's published, due articles, newest first, strictly after `after`. A keyset walk of articles_story_listing_idx. */
  listedInStory(storyKey: string, limit: number, after?: { t: string; id: string }): Promise<ListedArticle[]> {
    return this.db.query(
      `SELECT a.id::text AS id,
              to_char(a.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS t
         FROM articles a
        WHERE a.story_key = $1 AND ${publishedAndDue.sql('a', '$3::timestamptz')}
          ${after ? 'AND (a.published_at, a.id) < ($4::timestamptz, $5::bigint)' : ''}
        ORDER BY a.published_at DESC, a.id DESC
        LIMIT $2`,
      after ? [storyKey, limit, this.clock.now(), after.t, after.id] : [storyKey, limit, this.clock.now()],
    );
  }

  /**
   * The newest visible articles carrying any of `topicIds` and none of `muteIds`, newest first,
   * strictly before `before`. One bounded index range scan per topic (article_topics_listing_idx). `fromReplica`
   * (a rebuild) reads it on the read replica when one is configured.
   */
  async recentByTopics(
    topicIds: Iterable<string>,
    muteIds: Iterable<string>,
    limit: number,
    before: { publishedAt: Date; id: string } = END_OF_TIME,
    fromReplica = false,
  ): Promise<ArticleRef[]> {
    const topics = [...topicIds];
    if (!topics.length) return [];
    type Row = { id: string; published_at: Date; priority: ArticlePriority };
    const db = (q: string, params: unknown[]): Promise<Row[]> =>
      fromReplica ? onReplica<Row[]>(this.db, (r) => r.query(q, params)) : this.db.query<Row[]>(q, params);
    const rows = await db(
      `WITH picked AS (
         SELECT DISTINCT x.article_id
         FROM unnest($1::bigint[]) AS t(topic_id)
         CROSS JOIN LATERAL (
           SELECT at.article_id FROM article_topics at
           WHERE at.topic_id = t.topic_id AND ${publishedAndDue.listingSql('at', '$6::timestamptz')}
             AND (at.published_at, at.article_id) < ($2::timestamptz, $3::bigint)
           ORDER BY at.published_at DESC, at.article_id DESC
           LIMIT $4
         ) x
       )
       SELECT a.id::text AS id, a.published_at, a.priority
       FROM picked p JOIN articles a ON a.id = p.article_id
       WHERE ${publishedAndDue.sql('a', '$6::timestamptz')} AND ${mutesNoTopic.knownMutesSql('a.id', '$5::bigint[]')}
       ORDER BY a.published_at DESC, a.id DESC
       LIMIT $4`,
      [topics, before.publishedAt, before.id, limit, [...muteIds], this.clock.now()],
    );
    return rows.map((r) => ({ id: r.id, publishedAt: r.published_at, priority: r.priority }));
  }

  /** The text a muted word is matched against (feed-rules/muted-words.ts); undefined for an unknown id. */
  async mutableTextOf(id: string): Promise<{ headline: string; summary: string[] } | undefined> {
    const [row]: { headline: string; summary: string[] }[] = await this.db.query(`SELECT headline, summary FROM articles WHERE id = $1`, [
      id,
    ]);
    return row;
  }
}
