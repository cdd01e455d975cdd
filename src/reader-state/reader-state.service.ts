import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../infra/config/app-config';
import { isEntityId } from '../infra/http/entity-id';
import { DecodedStates } from './decoded-states';
import { encodeReaderState, NO_ACCOUNT, ReaderState } from './reader-state';
import { ReaderStateRepairsRepository } from './reader-state-repairs.repository';
import { READER_STATE_REPAIR_BOUND_SECONDS } from './reader-state-repair-sweep';
import { ReaderStateRepository } from './reader-state.repository';
import { ReaderStateStore } from './reader-state.store';

/**
 * Reader state with Postgres as the source of truth and a Redis copy for reads. A copy is served until it is
 * dropped (or its idle TTL ends): every change goes through `changing`, which drops it after the commit, and a drop
 * that was lost is repaired by the workers' sweep of the repair record (docs/feed.md). A missing copy is read from
 * Postgres on the next use.
 */
@Injectable()
export class ReaderStateService {
  private readonly logger = new Logger(ReaderStateService.name);
  private readonly endedWithinSeconds: number;
  private readonly decoded = new DecodedStates();

  constructor(
    private readonly store: ReaderStateStore,
    private readonly repository: ReaderStateRepository,
    private readonly repairs: ReaderStateRepairsRepository,
    config: AppConfig,
  ) {
    // An ended login matters while access tokens issued before its end may still be presented.
    this.endedWithinSeconds = config.JWT_ACCESS_TTL_SECONDS + 60;
  }

  /** The reader's state; `stored` is what a caller's own script already read from Redis. */
  async get(userId: string, stored?: { generation: string; state: string | null }): Promise<ReaderState> {
    if (!isEntityId(userId)) return { ...NO_ACCOUNT };
    const { generation, state: raw } = stored ?? (await this.store.read(userId));
    const state = raw === null ? null : this.decoded.of(userId, raw);
    return state ?? this.load(userId, generation);
  }

  /**
   * The one way to change anything a reader's state holds: notes the readers in the repair record, runs `change`
   * (which commits to Postgres), drops their Redis copies, then deletes the notes. A failed drop is logged, never
   * thrown: its notes stay, and the sweep drops those copies within READER_STATE_REPAIR_BOUND_SECONDS of the note,
   * as it does for a process that died between the commit and the drop. A failed change is rethrown.
   */
  async changing<T>(userIds: string | string[], change: () => Promise<T>): Promise<T> {
    const readers = [...new Set(typeof userIds === 'string' ? [userIds] : userIds)].filter(isEntityId);
    if (!readers.length) return change();
    const notes = await this.repairs.note(readers);
    try {
      return await change();
    } finally {
      // Also after a failed change: it may have committed before it failed (an answer to COMMIT that never came).
      await this.drop(readers, notes);
    }
  }

  private async load(userId: string, generation: string): Promise<ReaderState> {
    const state = await this.repository.load(userId, this.endedWithinSeconds);
    await this.store.save(userId, generation, encodeReaderState(state), state.version);
    return state;
  }

  private async drop(readers: string[], notes: string[]): Promise<void> {
    try {
      await Promise.all(readers.map((id) => this.store.invalidate(id)));
    } catch (error) {
      const bound = READER_STATE_REPAIR_BOUND_SECONDS;
      this.logger.warn(`reader state of ${readers.join(', ')} not dropped (${(error as Error).message}); swept within ${bound} s`);
      // A change slower than the sweep's wait may have had its notes swept before it committed: noted again.
      await this.repairs
        .note(readers)
        .catch((e: Error) => this.logger.warn(`repair of ${readers.join(', ')} not noted again: ${e.message}`));
      return;
    }
    await this.repairs
      .clear(notes)
      .catch((e: Error) => this.logger.warn(`repair notes ${notes.join(', ')} not cleared (swept later): ${e.message}`));
  }
}
