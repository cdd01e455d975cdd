import { Injectable } from '@nestjs/common';
import { ReaderStateRepairsRepository } from './reader-state-repairs.repository';
import { ReaderStateStore } from './reader-state.store';

/** A note is swept once this old: a change that went well has deleted its own notes long before. */
export const REPAIR_NOTE_AGE_SECONDS = 10;
export const REPAIR_SWEEP_EVERY_MS = 5_000;
/** How late a lost drop of a reader's copy is repaired at most, counted from the note (taken before the commit). */
export const READER_STATE_REPAIR_BOUND_SECONDS = REPAIR_NOTE_AGE_SECONDS + REPAIR_SWEEP_EVERY_MS / 1000;

const BATCH = 1000;
// One run sweeps at most this many batches; the next run takes the rest.
const MAX_BATCHES = 20;

/** Drops the Redis copies of the readers whose notes outlived their change (a failed drop, a process that died). */
@Injectable()
export class ReaderStateRepairSweep {
  constructor(
    private readonly repairs: ReaderStateRepairsRepository,
    private readonly store: ReaderStateStore,
  ) {}

  /** How many notes it repaired. */
  async sweep(): Promise<number> {
    let swept = 0;
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const notes = await this.repairs.olderThan(REPAIR_NOTE_AGE_SECONDS, BATCH);
      if (!notes.length) break;
      await Promise.all([...new Set(notes.map((n) => n.userId))].map((id) => this.store.invalidate(id)));
      await this.repairs.clear(notes.map((n) => n.id));
      swept += notes.length;
      if (notes.length < BATCH) break;
    }
    return swept;
  }
}
