import type { DataSource, QueryRunner } from 'typeorm';

/**
 * Runs `work` on a connection to the read replica (DATABASE_REPLICA_URL), or to the primary when none is set.
 * For reads that may lag the primary by the replica's delay: the fan-out's follower scans, feed rebuilds.
 */
export async function onReplica<T>(db: DataSource, work: (replica: QueryRunner) => Promise<T>): Promise<T> {
  const runner = db.createQueryRunner('slave');
  try {
    return await work(runner);
  } finally {
    await runner.release();
  }
}
