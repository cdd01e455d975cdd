import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The fan-out outbox: one row per published article version, written in the article's own
 * transaction, so a process dying between the commit and the enqueue loses nothing.
 */
export class CreateFanoutOutbox1796087400000 implements MigrationInterface {
  name = 'CreateFanoutOutbox1796087400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE fanout_outbox (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        article_id bigint NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        version integer NOT NULL,
        due_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        enqueued_at timestamptz,
        completed_at timestamptz,
        UNIQUE (article_id, version)
      )`);
    await q.query(`CREATE INDEX fanout_outbox_pending_idx ON fanout_outbox (id) WHERE enqueued_at IS NULL`);
    await q.query(`CREATE INDEX fanout_outbox_open_idx ON fanout_outbox (due_at) WHERE completed_at IS NULL`);
    await q.query(`CREATE INDEX fanout_outbox_completed_idx ON fanout_outbox (completed_at) WHERE completed_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE fanout_outbox`);
  }
}
