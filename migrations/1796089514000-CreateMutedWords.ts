import { MigrationInterface, QueryRunner } from 'typeorm';

/** A reader's muted words; the unique key is the phrase case-folded, so "Trump" and "trump" are one. */
export class CreateMutedWords1796089514000 implements MigrationInterface {
  name = 'CreateMutedWords1796089514000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE muted_words (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        phrase text NOT NULL CHECK (char_length(phrase) BETWEEN 1 AND 100),
        expires_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX muted_words_user_phrase_key ON muted_words (user_id, lower(phrase))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE muted_words`);
  }
}
