import { MigrationInterface, QueryRunner } from 'typeorm';

/** Web Push subscriptions (one per reader and endpoint), the VAPID key pair made outside production, and push times of alerts. */
export class CreatePushSubscriptions1796089514200 implements MigrationInterface {
  name = 'CreatePushSubscriptions1796089514200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE push_subscriptions (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        endpoint text NOT NULL,
        p256dh text NOT NULL,
        auth text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (user_id, endpoint)
      )`);
    await q.query(`
      CREATE TABLE vapid_keys (
        id smallint PRIMARY KEY CHECK (id = 1),
        public_key text NOT NULL,
        private_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`ALTER TABLE alerts ADD COLUMN pushed_at timestamptz`);
    await q.query(`CREATE INDEX alerts_user_pushed_idx ON alerts (user_id, pushed_at) WHERE pushed`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE alerts DROP COLUMN pushed_at`);
    await q.query(`DROP TABLE vapid_keys`);
    await q.query(`DROP TABLE push_subscriptions`);
  }
}
