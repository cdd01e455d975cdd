import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Readers whose Redis state copy must be dropped: noted before a change to their state commits, deleted once the copy
 * is dropped. A note that outlives its change (a failed drop, a process that died in between) is swept by the workers.
 * No foreign key: the note of an erased account must outlive the account until its copy is dropped.
 */
export class CreateReaderStateRepairs1796093000000 implements MigrationInterface {
  name = 'CreateReaderStateRepairs1796093000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reader_state_repairs (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        user_id bigint NOT NULL,
        noted_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX reader_state_repairs_noted_at ON reader_state_repairs (noted_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE reader_state_repairs`);
  }
}
