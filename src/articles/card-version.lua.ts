/**
 * Stored card values (envelopes and invalidation markers alike) start with `{"v":<article version>`.
 * KEYS[1]: card key; ARGV: value, its version, TTL seconds. Writes unless the stored value is of a newer
 * version, so a miss loaded before an edit committed cannot put the old card back over the edit's marker.
 */
export const SET_CARD_IF_NOT_OLDER_LUA = `
local current = redis.call('GET', KEYS[1])
local stored = current and tonumber(string.match(current, '^{"v":(%d+)'))
if stored and stored > tonumber(ARGV[2]) then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[3])
return 1
`;
