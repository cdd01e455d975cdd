import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/**
 * Waits bounded so that a locked table, a pool run dry or a server that stopped answering fails a
 * request within the contract's 5 s (as 503) instead of holding it: for serving processes only;
 * migrations (which wait on an advisory lock) and the CLI run unbounded.
 */
const SERVING_LIMITS = {
  connectionTimeoutMillis: 2000,
  lock_timeout: 2000,
  statement_timeout: 4000,
  // Client-side: a server that no longer answers at all (paused, cut off) never sends the cancel.
  query_timeout: 4500,
};

/**
 * With `replicaUrl`, TypeORM replication: every query still goes to the primary (`defaultMode: 'master'`) except
 * those a repository sends on purpose through a 'slave' query runner (src/infra/database/replica.ts).
 */
export function dataSourceOptions(
  url: string,
  { serving = false, replicaUrl }: { serving?: boolean; replicaUrl?: string } = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    ...(replicaUrl ? { replication: { master: { url }, slaves: [{ url: replicaUrl }], defaultMode: 'master' as const } } : { url }),
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    extra: { max: 20, connectionTimeoutMillis: 5000, ...(serving ? SERVING_LIMITS : {}) },
  };
}
