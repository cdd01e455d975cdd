import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * articles.story_key: the running story an article belongs to. The partial index serves
 * GET /v1/stories/{key}: a story's published articles, newest first, as one index range scan.
 */
export class AddArticleStoryKeys1796091240000 implements MigrationInterface {
  name = 'AddArticleStoryKeys1796091240000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE articles ADD COLUMN story_key varchar(100)`);
    await q.query(
      `CREATE INDEX articles_story_listing_idx ON articles (story_key, published_at DESC, id DESC)
        WHERE story_key IS NOT NULL AND status = 'published'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX articles_story_listing_idx`);
    await q.query(`ALTER TABLE articles DROP COLUMN story_key`);
  }
}
