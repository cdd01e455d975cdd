import { decodeReaderState, type ReaderState } from './reader-state';

// About one entry per reader reading now; past it the memo starts over rather than tracking use.
const MAX_ENTRIES = 20_000;

/**
 * Decoded reader states, once per stored text of each reader in this process: a reader scrolling reads the same
 * stored state page after page, and decoding it (JSON and four Sets) was a twentieth of a warm read's CPU. The
 * stored text is the key, so a changed state is decoded afresh. Callers share the decoded object: never changed.
 */
export class DecodedStates {
  private readonly memo = new Map<string, { raw: string; state: ReaderState | null }>();

  of(userId: string, raw: string): ReaderState | null {
    const known = this.memo.get(userId);
    if (known && known.raw === raw) return known.state;
    if (this.memo.size >= MAX_ENTRIES) this.memo.clear();
    const state = decodeReaderState(raw);
    this.memo.set(userId, { raw, state });
    return state;
  }
}
