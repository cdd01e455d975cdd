import { Logger } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';

const logger = new Logger('postgres');

/**
 * pg's pool listens for errors only on idle clients. A client checked out between two queries (a reader-state load
 * runs several at once) that Postgres then drops (restart, failover, `pg_terminate_backend`) emits 'error' with no
 * listener, which Node turns into an uncaught exception that ends the process. The query that was cut off already
 * fails its request (503); this listener only keeps the process alive and says what happened.
 */
export async function initializeWithClientErrorsHandled(options: DataSourceOptions): Promise<DataSource> {
  const dataSource = await new DataSource(options).initialize();
  const driver = dataSource.driver as unknown as { master?: Pool; slaves?: Pool[] };
  for (const pool of [driver.master, ...(driver.slaves ?? [])]) {
    pool?.on('connect', (client: PoolClient) => {
      client.on('error', (err: Error & { code?: string }) =>
        logger.warn({ code: err.code, err: err.message }, 'a pooled Postgres connection failed'),
      );
    });
  }
  return dataSource;
}
