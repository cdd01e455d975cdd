import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { postgresAdmin } from './postgres-admin.repository';

// Any constant works; it only has to be the same in every process of this service.
const MIGRATION_LOCK_KEY = 7_262_011;

function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_-]{1,63}$/.test(name)) throw new Error(`DATABASE_URL names an unusable database "${name}"`);
  return name;
}

/** Creates the database named in the URL when it does not exist yet. */
export async function ensureDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    if (!(await postgresAdmin.databaseExists(client, name))) {
      await postgresAdmin.createDatabase(client, name).catch((e: { code?: string }) => {
        // Created meanwhile by another process: 42P04, or 23505 when both CREATEs ran at the same instant.
        if (e.code !== '42P04' && e.code !== '23505') throw e;
      });
    }
  } finally {
    await client.end();
  }
}

/** Creates the database if needed and applies pending migrations, one process at a time. */
export async function prepareDatabase(url: string): Promise<void> {
  await ensureDatabase(url);
  const dataSource = new DataSource(dataSourceOptions(url));
  await dataSource.initialize();
  try {
    await postgresAdmin.lock(dataSource, MIGRATION_LOCK_KEY);
    await dataSource.runMigrations({ transaction: 'all' });
  } finally {
    await postgresAdmin.unlock(dataSource, MIGRATION_LOCK_KEY).catch(() => undefined);
    await dataSource.destroy();
  }
}

export async function dropDatabase(url: string): Promise<void> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await postgresAdmin.dropDatabase(client, databaseName(url));
  } finally {
    await client.end();
  }
}
