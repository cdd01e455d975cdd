import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Chunks applied per feed bucket, counted in Postgres after Redis counted them (docs/feed.md): when Redis
 * counts fewer (restarted from an older snapshot), its feeds of that bucket may be missing articles.
 */
export class CreateFanoutWatermarks1796088420000 implements MigrationInterface {
  name = 'CreateFanoutWatermarks1796088420000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE fanout_watermarks (bucket integer PRIMARY KEY, chunks bigint NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE fanout_watermarks`);
  }
}
