import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateArticles1764300100000 implements MigrationInterface {
  name = 'CreateArticles1764300100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE articles (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        external_id text UNIQUE,
        slug text NOT NULL,
        headline varchar(300) NOT NULL,
        summary jsonb NOT NULL DEFAULT '[]',
        body text NOT NULL,
        image_url text,
        image_caption text,
        authors jsonb NOT NULL DEFAULT '[]',
        status text NOT NULL CHECK (status IN ('draft', 'published', 'retracted')),
        priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('normal', 'breaking')),
        published_at timestamptz NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE article_topics (
        article_id bigint NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        topic_id bigint NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
        position smallint NOT NULL,
        published_at timestamptz NOT NULL,
        listed boolean NOT NULL,
        PRIMARY KEY (article_id, topic_id)
      )`);
    await q.query(`
      CREATE INDEX article_topics_listing_idx
        ON article_topics (topic_id, published_at DESC, article_id DESC) WHERE listed`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE article_topics, articles`);
  }
}
