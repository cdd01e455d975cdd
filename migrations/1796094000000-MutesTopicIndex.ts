import { MigrationInterface, QueryRunner } from 'typeorm';

/** The muters of an article's topics, read once per follower page of a fan-out (mutesNoTopic.inUserRangeSql). */
export class MutesTopicIndex1796094000000 implements MigrationInterface {
  name = 'MutesTopicIndex1796094000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX mutes_topic_idx ON mutes (topic_id, user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX mutes_topic_idx`);
  }
}
