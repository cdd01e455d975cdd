import type { Client } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * The statements about the database itself rather than a table: existence, creation, the migration
 * lock and liveness. Names are checked by the caller (databaseName) before they reach DDL.
 */
export const postgresAdmin = {
  async ping(db: { query(sql: string): Promise<unknown> }): Promise<void> {
    await db.query('SELECT 1');
  },

  async databaseExists(client: Client, name: string): Promise<boolean> {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return !!rowCount;
  },

  async createDatabase(client: Client, name: string): Promise<void> {
    await client.query(`CREATE DATABASE "${name}"`);
  },

  async dropDatabase(client: Client, name: string): Promise<void> {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  },

  async lock(dataSource: DataSource, key: number): Promise<void> {
    await dataSource.query('SELECT pg_advisory_lock($1)', [key]);
  },

  async unlock(dataSource: DataSource, key: number): Promise<void> {
    await dataSource.query('SELECT pg_advisory_unlock($1)', [key]);
  },
};
