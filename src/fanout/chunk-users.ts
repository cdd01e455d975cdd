/**
 * A chunk job carries its users as one comma-joined string of ids: BullMQ (de)serialises a job's data with
 * JSON on every move, and one string of ~20 kB costs a fraction of an array of 1,000 strings.
 */
export function packUsers(userIds: readonly string[]): string {
  return userIds.join(',');
}

/** The chunk's user ids, in the order they were packed; a job enqueued before packing carries `userIds`. */
export function chunkUsers(chunk: { users?: string; userIds?: string[] }): string[] {
  if (chunk.users !== undefined) return chunk.users === '' ? [] : chunk.users.split(',');
  return chunk.userIds ?? [];
}
