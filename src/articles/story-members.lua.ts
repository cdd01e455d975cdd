/**
 * A story's members hash (`story:{<key>}`): `g` generation, bumped by every invalidation; `m` the member ids.
 * A fill writes only when no invalidation came in since it began, so a slow fill never puts back a list that a
 * committed write replaced (the reader state's pattern).
 */

/** KEYS[1] hash; ARGV[1] generation seen before the load, ARGV[2] members, ARGV[3] TTL seconds. Returns 1 or 0. */
export const STORY_MEMBERS_SAVE_LUA = `
if (redis.call('HGET', KEYS[1], 'g') or '0') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'm', ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
return 1
`;

/** After a commit touching a member (or a former one). KEYS[1] hash; ARGV[1] TTL seconds. */
export const STORY_MEMBERS_INVALIDATE_LUA = `
redis.call('HINCRBY', KEYS[1], 'g', 1)
redis.call('HDEL', KEYS[1], 'm')
redis.call('EXPIRE', KEYS[1], ARGV[1])
return 1
`;
