import type { EntityManager } from 'typeorm';

/**
 * Serialises the writes of one reader's signals (ingestion folds, history resets) for the rest of the
 * transaction, so that two folds never read the same affinity and a reset is never undone by a fold.
 */
export async function lockReaderSignals(m: EntityManager, userId: string): Promise<void> {
  await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('reader-signals:' || $1::text, 0))`, [userId]);
}
