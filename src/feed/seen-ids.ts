/**
 * The article ids already met while scanning one packed window from its newest end: an open-addressing table of
 * uint32 ids (never 0, see encodeRecords), reused from scan to scan. A window is scanned on every feed read, and a
 * Set of ~860 numbers cost more than the rest of the scan.
 */
export class SeenIds {
  private slots = new Uint32Array(2048);
  private mask = 2047;

  /** Forgets every id; sized for `count` ids at most half full. */
  reset(count: number): void {
    if (count * 2 > this.slots.length) {
      let size = this.slots.length;
      while (count * 2 > size) size *= 2;
      this.slots = new Uint32Array(size);
      this.mask = size - 1;
    } else this.slots.fill(0);
  }

  /** Adds `id`; false when it was already there. */
  add(id: number): boolean {
    const slots = this.slots;
    let i = Math.imul(id, 0x9e3779b1) >>> 0;
    for (;;) {
      i &= this.mask;
      const at = slots[i];
      if (at === 0) {
        slots[i] = id;
        return true;
      }
      if (at === id) return false;
      i++;
    }
  }
}
