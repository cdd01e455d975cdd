import { MigrationInterface, QueryRunner } from 'typeorm';

/** A reader's signals and lists; every row goes with its user (and article) by FK cascade. */
export class CreateReaderSignals1764400000000 implements MigrationInterface {
  name = 'CreateReaderSignals1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE feed_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        article_id bigint NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        type text NOT NULL CHECK (type IN ('open', 'dwell', 'save', 'share', 'hide', 'less_like_this')),
        dwell_ms integer CHECK (dwell_ms BETWEEN 0 AND 86400000),
        occurred_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX feed_events_user_idx ON feed_events (user_id, id)`);
    await q.query(`CREATE INDEX feed_events_article_idx ON feed_events (article_id)`);
    await q.query(`
      CREATE TABLE topic_affinities (
        user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        topic_id bigint NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
        score double precision NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (user_id, topic_id)
      )`);
    await q.query(`CREATE INDEX topic_affinities_topic_idx ON topic_affinities (topic_id)`);
    await q.query(`
      CREATE TABLE article_hides (
        user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        article_id bigint NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        hidden_at timestamptz NOT NULL,
        PRIMARY KEY (user_id, article_id)
      )`);
    await q.query(`
      CREATE TABLE reading_history (
        user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        article_id bigint NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        opened_at timestamptz NOT NULL,
        PRIMARY KEY (user_id, article_id)
      )`);
    await q.query(`CREATE INDEX reading_history_list_idx ON reading_history (user_id, opened_at DESC, article_id DESC)`);
    await q.query(`
      CREATE TABLE saved_articles (
        user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        article_id bigint NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        saved_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, article_id)
      )`);
    await q.query(`CREATE INDEX saved_articles_list_idx ON saved_articles (user_id, saved_at DESC, article_id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE saved_articles, reading_history, article_hides, topic_affinities, feed_events`);
  }
}
