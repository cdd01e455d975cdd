/**
 * Fan-out write of one article into many feeds of ONE hash slot, in one server-side call.
 * KEYS[1..n-2] feeds, KEYS[n-1] the bucket's count of applied chunks (its fan-out watermark), KEYS[n] the chunk's
 * done-marker (same slot).
 * ARGV: record, max bytes, slack bytes, marker ttl seconds, ARGV[5]: '' or one 12-byte record per feed key, in key
 * order (the same article with each reader's own ln(weight)), which replaces ARGV[1]; then optionally the live update:
 * ARGV[6] the command ('PUBLISH', or 'SPUBLISH' on a cluster), ARGV[7] the bucket's channel (same slot as the keys),
 * ARGV[8] the message. It goes out with the write, in the same call, and again on a repeat (a stream drops what it
 * has sent; the same run of this script cannot have written without announcing).
 * A missing feed is left missing: it is rebuilt whole from Postgres on its next read.
 * Returns the number of feeds written, or -1 when the chunk was already applied.
 */
export const FEED_APPEND_LUA = `
local n = #KEYS
local function announce()
  if ARGV[6] == 'PUBLISH' or ARGV[6] == 'SPUBLISH' then redis.call(ARGV[6], ARGV[7], ARGV[8]) end
end
if not redis.call('SET', KEYS[n], '1', 'NX', 'EX', ARGV[4]) then
  announce()
  return -1
end
redis.call('INCR', KEYS[n - 1])
local rec = ARGV[1]
local maxBytes = tonumber(ARGV[2])
local slack = tonumber(ARGV[3])
local written = 0
local perKey = ARGV[5]
if perKey == '' then perKey = nil end
for i = 1, n - 2 do
  local key = KEYS[i]
  if redis.call('EXISTS', key) == 1 then
    if perKey then rec = string.sub(perKey, (i - 1) * 12 + 1, i * 12) end
    local len = redis.call('APPEND', key, rec)
    if len > maxBytes + slack then
      redis.call('SET', key, redis.call('GETRANGE', key, len - maxBytes, -1), 'KEEPTTL')
    end
    written = written + 1
  end
end
announce()
return written
`;
