import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAccountsAndTopics1764300000000 implements MigrationInterface {
  name = 'CreateAccountsAndTopics1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        email text NOT NULL UNIQUE,
        password_hash text NOT NULL,
        display_name varchar(80) NOT NULL,
        role text NOT NULL DEFAULT 'reader' CHECK (role IN ('reader', 'editor', 'admin')),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_active_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE refresh_tokens (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash bytea NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id)`);
    await q.query(`CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id)`);
    await q.query(`
      CREATE TABLE topics (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        slug varchar(80) NOT NULL UNIQUE,
        name varchar(80) NOT NULL,
        description text,
        parent_id bigint REFERENCES topics(id) ON DELETE SET NULL,
        follower_count integer NOT NULL DEFAULT 0 CHECK (follower_count >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX topics_name_lower_idx ON topics (lower(name))`);
    await q.query(`
      CREATE TABLE follows (
        topic_id bigint NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
        user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (topic_id, user_id)
      )`);
    await q.query(`CREATE INDEX follows_user_idx ON follows (user_id, topic_id)`);
    await q.query(`
      CREATE TABLE mutes (
        user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        topic_id bigint NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, topic_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE mutes, follows, topics, refresh_tokens, users`);
  }
}
