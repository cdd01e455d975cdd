import { DataSource } from 'typeorm';
import type { AppConfig } from '../../src/infra/config/app-config';
import { dataSourceOptions } from '../../src/infra/database/data-source-options';
import { prepareDatabase } from '../../src/infra/database/prepare-database';
import { removeTestData, testConfig } from './test-app';

export interface MediumDb {
  config: AppConfig;
  db: DataSource;
  close(): Promise<void>;
}

/** A fresh, migrated database (and Redis prefix) for one medium test file, without the app around it. */
export async function openMediumDb(env: Record<string, string> = {}): Promise<MediumDb> {
  const config = testConfig(env);
  await prepareDatabase(config.DATABASE_URL);
  const db = new DataSource(dataSourceOptions(config.DATABASE_URL));
  await db.initialize();
  return {
    config,
    db,
    close: async () => {
      await db.destroy();
      await removeTestData(config);
    },
  };
}

/** Test data straight into Postgres: small helpers with overrides, ids as text. */
export const insert = {
  async topic(db: DataSource, slug: string): Promise<string> {
    const [row]: { id: string }[] = await db.query(`INSERT INTO topics (slug, name) VALUES ($1, $1) RETURNING id::text AS id`, [slug]);
    return row.id;
  },

  async user(db: DataSource, overrides: { lastActiveAt?: Date } = {}): Promise<string> {
    const [row]: { id: string }[] = await db.query(
      `INSERT INTO users (email, password_hash, display_name, last_active_at)
       VALUES ('u-' || gen_random_uuid() || '@example.test', 'x', 'Reader', $1) RETURNING id::text AS id`,
      [overrides.lastActiveAt ?? new Date()],
    );
    return row.id;
  },

  async follow(db: DataSource, userId: string, topicId: string): Promise<void> {
    await db.query(`INSERT INTO follows (user_id, topic_id) VALUES ($1, $2)`, [userId, topicId]);
  },

  async mute(db: DataSource, userId: string, topicId: string): Promise<void> {
    await db.query(`INSERT INTO mutes (user_id, topic_id) VALUES ($1, $2)`, [userId, topicId]);
  },

  /** An article and its article_topics rows, kept in step as ArticlesRepository writes them. */
  async article(
    db: DataSource,
    a: { status?: 'draft' | 'published' | 'retracted'; publishedAt: Date; topicIds: string[]; priority?: 'normal' | 'breaking' },
  ): Promise<string> {
    const status = a.status ?? 'published';
    const [row]: { id: string }[] = await db.query(
      `INSERT INTO articles (slug, headline, body, status, priority, published_at)
       VALUES ('a', 'A headline', 'Body', $1, $2, $3) RETURNING id::text AS id`,
      [status, a.priority ?? 'normal', a.publishedAt],
    );
    await db.query(
      `INSERT INTO article_topics (article_id, topic_id, position, published_at, listed)
       SELECT $1, t.id, t.ord - 1, $3, $4 FROM unnest($2::bigint[]) WITH ORDINALITY AS t(id, ord)`,
      [row.id, a.topicIds, a.publishedAt, status === 'published'],
    );
    return row.id;
  },
};
