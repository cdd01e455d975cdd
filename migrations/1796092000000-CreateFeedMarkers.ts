import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A reader's feed marker: the newest article they have seen, shared by every login of the account. It only moves
 * forward in (published_at, article_id) order; published_at is copied so that order needs no join.
 */
export class CreateFeedMarkers1796092000000 implements MigrationInterface {
  name = 'CreateFeedMarkers1796092000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE feed_markers (
        user_id bigint PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        article_id bigint NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        published_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE feed_markers`);
  }
}
