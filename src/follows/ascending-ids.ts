/** Orders decimal id strings (bigint ids) as numbers: the shorter is the smaller, else they compare as text. */
export const compareIds = (a: string, b: string): number => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

/**
 * `ids` in ascending order: as given when they already are (one pass), else sorted. The fan-out cuts chunks from
 * followers in id order, so a re-planned article gets the same chunks; an aggregate's order is not one SQL promises.
 */
export function ascendingIds(ids: string[]): string[] {
  for (let i = 1; i < ids.length; i++) if (compareIds(ids[i - 1], ids[i]) > 0) return [...ids].sort(compareIds);
  return ids;
}
