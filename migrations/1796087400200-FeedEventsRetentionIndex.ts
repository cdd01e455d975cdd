import { MigrationInterface, QueryRunner } from 'typeorm';

/** feed_events is append-only, so received_at follows the heap order: a BRIN index finds the old end cheaply. */
export class FeedEventsRetentionIndex1796087400200 implements MigrationInterface {
  name = 'FeedEventsRetentionIndex1796087400200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX feed_events_received_brin ON feed_events USING brin (received_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX feed_events_received_brin`);
  }
}
