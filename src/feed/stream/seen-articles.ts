/**
 * Article ids a stream must not announce again: those in the reader's window when it connected
 * and those announced since (an edit re-fans an article that is already in the feed). Kept as a
 * sorted Float64Array plus a small set of recent additions: ~8 bytes an id for ~800 ids per stream.
 */
export class SeenArticles {
  private sorted: Float64Array;
  private readonly recent = new Set<number>();

  constructor(
    ids: Iterable<number>,
    private readonly mergeEvery = 256,
  ) {
    this.sorted = Float64Array.from(new Set(ids)).sort();
  }

  has(id: number): boolean {
    return this.recent.has(id) || this.inSorted(id);
  }

  add(id: number): void {
    if (this.has(id)) return;
    this.recent.add(id);
    if (this.recent.size >= this.mergeEvery) {
      const merged = new Float64Array(this.sorted.length + this.recent.size);
      merged.set(this.sorted);
      merged.set([...this.recent], this.sorted.length);
      this.sorted = merged.sort();
      this.recent.clear();
    }
  }

  private inSorted(id: number): boolean {
    let lo = 0;
    let hi = this.sorted.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const value = this.sorted[mid];
      if (value === id) return true;
      if (value < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }
}
