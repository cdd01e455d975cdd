import calculateSlot from 'cluster-key-slot';
import { isCluster, type RedisClient } from './redis';

/**
 * Runs a multi-key read whose keys may lie in many hash slots: at once on one Redis, and on a cluster as one call
 * per slot, all sent at once. `read` answers one value
 * per key, in order; so does this.
 */
export async function readPerSlot<T>(redis: RedisClient, keys: string[], read: (keys: string[]) => Promise<T[]>): Promise<T[]> {
  if (!isCluster(redis) || keys.length < 2) return read(keys);
  const groups = new Map<number, number[]>();
  keys.forEach((key, i) => {
    const slot = calculateSlot(key);
    const group = groups.get(slot);
    if (group) group.push(i);
    else groups.set(slot, [i]);
  });
  const out = new Array<T>(keys.length);
  await Promise.all(
    [...groups.values()].map(async (indexes) => {
      const values = await read(indexes.map((i) => keys[i]));
      indexes.forEach((at, j) => (out[at] = values[j]));
    }),
  );
  return out;
}
