/**
 * Merges records into one feed: duplicates collapse (the new record wins), the result is
 * ordered oldest first by (publishedAt, id) and cut to the newest ARGV[2] records.
 * Used for rebuilds and backfills, whose records arrive out of time order.
 * KEYS[1] feed. ARGV: packed records, max records, '1' to create a missing feed, idle TTL seconds.
 * Returns the feed's record count, or -1 when the feed is missing and may not be created.
 */
export const FEED_MERGE_LUA = `
local existing = redis.call('GET', KEYS[1])
if not existing then
  if ARGV[3] ~= '1' then return -1 end
  existing = ''
end
local max = tonumber(ARGV[2])
local slot = {}
local list = {}
local function add(buf)
  for pos = 1, #buf - 11, 12 do
    local id = struct.unpack('>I4', buf, pos)
    local t = struct.unpack('>I4', buf, pos + 4)
    local entry = { t, id, string.sub(buf, pos, pos + 11) }
    local at = slot[id]
    if at then
      list[at] = entry
    else
      list[#list + 1] = entry
      slot[id] = #list
    end
  end
end
add(existing)
add(ARGV[1])
table.sort(list, function(a, b)
  if a[1] ~= b[1] then return a[1] < b[1] end
  return a[2] < b[2]
end)
local out = {}
for i = math.max(1, #list - max + 1), #list do out[#out + 1] = list[i][3] end
redis.call('SET', KEYS[1], table.concat(out), 'EX', ARGV[4])
return #out
`;
