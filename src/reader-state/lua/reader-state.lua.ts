/**
 * A reader's hash (FeedKeys.readerState): `g` generation, bumped by every invalidation; `s` the encoded state;
 * `h` its version; `top` the cached ranked top and `topm` its merge basis (feed). Reads are plain HMGETs or read-only scripts (feed-page.lua),
 * so they keep working while Redis refuses writes (CLIENT PAUSE WRITE, a replica): the idle TTLs of the hash and
 * of the reader's feed are refreshed by the writes below, which a reading reader keeps making: marking them active
 * (hourly) drops the copy, and the next read saves it again.
 */

/**
 * Writes a state read from Postgres only when no invalidation happened since the read began (generation
 * unchanged), so a slow load can never put back what a committed change replaced. A cached top made from
 * another version of the state is dropped (a refresh that found nothing new keeps it).
 * KEYS[1] reader hash, KEYS[2] their feed (same slot: its idle TTL is refreshed too). ARGV: generation seen before the load ('0' for none), state, its version, idle TTL
 * seconds. Returns 1 or 0.
 */
export const READER_STATE_SAVE_LUA = `
local g = redis.call('HGET', KEYS[1], 'g') or '0'
if g ~= ARGV[1] then return 0 end
if redis.call('HGET', KEYS[1], 'h') ~= ARGV[3] then redis.call('HDEL', KEYS[1], 'top', 'topm') end
redis.call('HSET', KEYS[1], 's', ARGV[2], 'h', ARGV[3])
redis.call('EXPIRE', KEYS[1], ARGV[4])
redis.call('EXPIRE', KEYS[2], ARGV[4])
return 1
`;

/** After a change committed in Postgres: a new generation, and the state and cached top dropped. KEYS[1]; ARGV[1] TTL. */
export const READER_STATE_INVALIDATE_LUA = `
redis.call('HINCRBY', KEYS[1], 'g', 1)
redis.call('HDEL', KEYS[1], 's', 'h', 'top', 'topm')
redis.call('EXPIRE', KEYS[1], ARGV[1])
return 1
`;
