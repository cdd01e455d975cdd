/**
 * One round trip for a warm feed page: the reader's window, the cached ranked top (when it was made from this
 * very window and reader state), and the cards the page most likely shows.
 * KEYS[1] feed, KEYS[2] reader hash, KEYS[3] the bucket's count of applied fan-out chunks (all one slot).
 * ARGV[1] idle TTL seconds (refreshed on the feed and the reader hash), ARGV[2] card key prefix, ARGV[3] the reader
 * state's version, ARGV[4] the chunks Postgres counted for the bucket, ARGV[5] prefetch: 'top' (ARGV[6] start
 * index, ARGV[7] count: that slice of the cached top) or 'tail' (ARGV[6] cursor publishedAt seconds and ARGV[8]
 * id, or '' for none; ARGV[7] count: the newest arrivals before the cursor, a latest page in nearly every case)
 * or ''.
 * Returns { window or false, top or false, sha1 of the window, ids of the prefetched cards, their values, gap }.
 * `gap` is how many chunks Redis counts fewer than Postgres: a window is only served while the gap is no larger
 * than when it was last rebuilt (hash field `gap`); else it is answered as missing, so it is rebuilt.
 * The card keys are outside the slot: a single Redis serves them; on a cluster ARGV[2] is '' and the caller reads the
 * returned ids' cards per slot (docs/scaling.md).
 */
export const FEED_PAGE_LUA = `
local gap = tonumber(ARGV[4]) - tonumber(redis.call('GET', KEYS[3]) or '0')
local window = redis.call('GET', KEYS[1])
if window and gap > tonumber(redis.call('HGET', KEYS[2], 'gap') or '0') then window = false end
if not window then return { false, false, '', {}, {}, gap } end
redis.call('EXPIRE', KEYS[1], ARGV[1])
redis.call('EXPIRE', KEYS[2], ARGV[1])
local digest = redis.sha1hex(window)
local top = redis.call('HGET', KEYS[2], 'top')
if top then
  local t = cjson.decode(top)
  if t.d ~= digest or t.t ~= ARGV[3] then top = false else top = t end
end
local ids = {}
if ARGV[5] == 'top' and top then
  local start = tonumber(ARGV[6])
  for i = start + 1, math.min(#top.ids, start + tonumber(ARGV[7])) do ids[#ids + 1] = top.ids[i] end
elseif ARGV[5] == 'tail' then
  local count = tonumber(ARGV[7])
  local ct = tonumber(ARGV[6])
  local cid = tonumber(ARGV[8])
  local seen = {}
  for pos = #window - 11, 1, -12 do
    local id = struct.unpack('>I4', window, pos)
    if not seen[id] then
      seen[id] = true
      local t = struct.unpack('>I4', window, pos + 4)
      if not ct or t < ct or (t == ct and id < cid) then ids[#ids + 1] = id end
      if #ids >= count then break end
    end
  end
end
local values = {}
if #ids > 0 and ARGV[2] ~= '' then
  local keys = {}
  for i, id in ipairs(ids) do keys[i] = ARGV[2] .. id end
  values = redis.call('MGET', unpack(keys))
end
local topValue = false
if top then topValue = redis.call('HGET', KEYS[2], 'top') end
return { window, topValue, digest, ids, values, gap }
`;
