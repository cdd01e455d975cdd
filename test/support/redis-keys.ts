import { mastersOf, type RedisClient } from '../../src/infra/redis/redis';

/** KEYS on every master (on a cluster a KEYS reaches one node only): for tests, never for the app. */
export async function keysMatching(redis: RedisClient, pattern: string): Promise<string[]> {
  return (await Promise.all((await mastersOf(redis)).map((node) => node.keys(pattern)))).flat();
}

/** Deletes keys that may lie in many slots: one command each, sent side by side. */
export async function deleteKeys(redis: RedisClient, keys: string[]): Promise<void> {
  await Promise.all(keys.map((key) => redis.del(key)));
}
