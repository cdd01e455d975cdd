import type { EntityManager } from 'typeorm';
import type { Article } from './article.entity';

/**
 * Keeps article_topics in step with the article: its topics in order, and the copied
 * published_at and listed (= published) that the topic listing index reads.
 * Runs inside the transaction that changed the article.
 */
export async function writeArticleTopics(m: EntityManager, article: Article, topicIds: string[]): Promise<void> {
  await m.query(`DELETE FROM article_topics WHERE article_id = $1 AND NOT (topic_id = ANY($2::bigint[]))`, [article.id, topicIds]);
  await m.query(
    `INSERT INTO article_topics (article_id, topic_id, position, published_at, listed)
     SELECT $1, t.id, t.ord - 1, $3, $4 FROM unnest($2::bigint[]) WITH ORDINALITY AS t(id, ord)
     ON CONFLICT (article_id, topic_id) DO UPDATE
       SET position = EXCLUDED.position, published_at = EXCLUDED.published_at, listed = EXCLUDED.listed`,
    [article.id, topicIds, article.publishedAt, article.status === 'published'],
  );
}

export async function unlistArticleTopics(m: EntityManager, articleId: string): Promise<void> {
  await m.query(`UPDATE article_topics SET listed = false WHERE article_id = $1 AND listed`, [articleId]);
}

export interface TopicRow {
  id: string;
  slug: string;
  name: string;
}

export async function readArticleTopics(m: EntityManager, articleId: string): Promise<TopicRow[]> {
  return m.query(
    `SELECT t.id::text AS id, t.slug, t.name
       FROM article_topics at JOIN topics t ON t.id = at.topic_id
      WHERE at.article_id = $1 ORDER BY at.position`,
    [articleId],
  );
}
