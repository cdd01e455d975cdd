import type { FeedRebuilder } from './feed-rebuilder.service';
import type { RebuildCheckpointStore } from './rebuild-checkpoint.service';

export interface RebuildAllRun {
  since: Date;
  /** Start after this user id ('0': from the first). */
  after: string;
  /** Feeds rebuilt at once; the checkpoint moves once per batch, when the whole batch is done. */
  batch: number;
  /** Users read from Postgres per keyset page. */
  pageSize: number;
  /** Read between batches: true stops the run cleanly after the current batch. */
  stopRequested: () => boolean;
  onBatch: (progress: { done: number; lastId: string }) => void;
}

export interface RebuildAllResult {
  done: number;
  /** The last user id rebuilt (every active user up to it is done), or the start when none was. */
  lastId: string;
  interrupted: boolean;
}

/** Walks the active users in id order (keyset pages), rebuilding each feed and checkpointing as it goes. */
export async function rebuildAll(
  rebuilder: FeedRebuilder,
  checkpoints: RebuildCheckpointStore,
  run: RebuildAllRun,
): Promise<RebuildAllResult> {
  let lastId = run.after;
  let done = 0;
  for (;;) {
    const page = await rebuilder.activeUsers(run.since, lastId, run.pageSize);
    for (let i = 0; i < page.length; i += run.batch) {
      if (run.stopRequested()) return { done, lastId, interrupted: true };
      const batch = page.slice(i, i + run.batch);
      await Promise.all(batch.map((id) => rebuilder.rebuild(id)));
      done += batch.length;
      lastId = batch[batch.length - 1];
      await checkpoints.save({ after: lastId, activeSince: run.since.toISOString(), savedAt: new Date().toISOString() });
      run.onBatch({ done, lastId });
    }
    if (page.length < run.pageSize) break;
  }
  await checkpoints.clear();
  return { done, lastId, interrupted: false };
}
