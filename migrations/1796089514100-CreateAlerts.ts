import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Alert settings (a row only once a reader changes the defaults), the topics whose every article alerts,
 * and the alerts themselves: one per reader and article, ever (the unique key makes creation idempotent).
 */
export class CreateAlerts1796089514100 implements MigrationInterface {
  name = 'CreateAlerts1796089514100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE alert_settings (
        user_id bigint PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        breaking boolean NOT NULL,
        quiet_start text,
        quiet_end text,
        quiet_time_zone text,
        max_per_day smallint NOT NULL CHECK (max_per_day BETWEEN 1 AND 50),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE alert_topics (
        user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        topic_id bigint NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
        position smallint NOT NULL,
        PRIMARY KEY (user_id, topic_id)
      )`);
    await q.query(`CREATE INDEX alert_topics_topic_idx ON alert_topics (topic_id, user_id)`);
    await q.query(`
      CREATE TABLE alerts (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        article_id bigint NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        reason_type text NOT NULL CHECK (reason_type IN ('breaking', 'topic')),
        reason_topic_id bigint NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        read boolean NOT NULL DEFAULT false,
        pushed boolean NOT NULL DEFAULT false,
        dispatched boolean NOT NULL DEFAULT false
      )`);
    await q.query(`CREATE UNIQUE INDEX alerts_user_article_key ON alerts (user_id, article_id)`);
    await q.query(`CREATE INDEX alerts_user_list_idx ON alerts (user_id, id DESC)`);
    await q.query(`CREATE INDEX alerts_article_idx ON alerts (article_id, user_id) WHERE NOT dispatched`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE alerts`);
    await q.query(`DROP TABLE alert_topics`);
    await q.query(`DROP TABLE alert_settings`);
  }
}
