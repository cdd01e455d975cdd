import { MigrationInterface, QueryRunner } from 'typeorm';

/** Idempotency-Key of POST /v1/articles: the first outcome per account and key, kept 24 hours. */
export class CreateIdempotencyKeys1796087400100 implements MigrationInterface {
  name = 'CreateIdempotencyKeys1796087400100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_keys (
        user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        key text NOT NULL,
        request_hash text NOT NULL,
        -- status and article_id are null only inside the first request's own transaction.
        status smallint,
        article_id bigint REFERENCES articles(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_keys`);
  }
}
