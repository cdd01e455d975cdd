import type { DataSource, EntityManager } from 'typeorm';

/** What a repository runs SQL on: the pool, or the manager of the caller's transaction. */
export type Queryable = DataSource | EntityManager;
