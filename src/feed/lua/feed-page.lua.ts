/**
 * One round trip for a warm feed page: the reader's state (what the login check and the read path need), the
 * reader's window, the cached ranked top (for a 'top' prefetch: when made from the stored state and a window of this
 * length), and the cards the page most likely shows. Read-only (`no-writes`): served while Redis refuses writes (CLIENT PAUSE WRITE).
 * KEYS[1] feed, KEYS[2] reader hash, KEYS[3] the bucket's count of applied fan-out chunks (all one slot).
 * ARGV[1] card key prefix, ARGV[2] the chunks Postgres counted for the bucket, ARGV[3] prefetch: 'top' (ARGV[4]
 * start index, ARGV[5] count: that slice of the cached top) or 'tail' (ARGV[4] cursor publishedAt seconds and
 * ARGV[6] id, or '' for none; ARGV[5] count: the newest arrivals before the cursor, a latest page in nearly every
 * case) or ''; ARGV[7] the story members key prefix, or '' (see the end of the script).
 * Returns { window or false, top or false, ids of the prefetched cards, their values, gap,
 * reader generation or false, reader state or false, its version or false, merge or false, the page's story keys,
 * each one's stored members or false, the ids of member cards read, their values }.
 * `merge` is { the kept top, its basis (field `topm`), the records past its length } when the kept top was made from
 * this reader state and a shorter window: the caller merges the arrivals into it (ranked-top.ts) instead of
 * re-ranking. A first page's prefetch is then the arrivals, newest first, and the kept top's first cards.
 * Whether the window is the one the top was made from (or only appended to) is the caller's check: it hashes the
 * window against the top's `d` (FeedStore.readPage), which costs Redis's one thread more than the rest of the script.
 * `gap` is how many chunks Redis counts fewer than Postgres: a window is only served while the gap is no larger
 * than when it was last rebuilt (hash field `gap`); else it is answered as missing, so it is rebuilt.
 * The card keys are outside the slot: a single Redis serves them; on a cluster ARGV[1] is '' and the caller reads the
 * returned ids' cards per slot (docs/scaling.md).
 */
export const FEED_PAGE_LUA = `#!lua flags=no-writes
-- Only a page served from the kept top reads it (a few KB). Its fields are matched, not decoded: a JSON decode of its
-- 200 ids cost more than the rest of the script. It is written by RankedTopService alone, as {"d":…,"t":…,"ids":[…],…,"l":…}.
local wantsTop = ARGV[3] == 'top'
local reader = wantsTop and redis.call('HMGET', KEYS[2], 'g', 's', 'h', 'gap', 'top') or redis.call('HMGET', KEYS[2], 'g', 's', 'h', 'gap')
local gap = tonumber(ARGV[2]) - tonumber(redis.call('GET', KEYS[3]) or '0')
local window = redis.call('GET', KEYS[1])
if window and gap > tonumber(reader[4] or '0') then window = false end
if not window then return { false, false, {}, {}, gap, reader[1], reader[2], reader[3], false } end
local topValue = wantsTop and reader[5]
local topIds = false
local merge = false
local arrivals = false
if topValue then
  local field = function(name, pattern)
    local at = string.find(topValue, name, 1, true)
    return at and string.match(topValue, pattern, at + #name)
  end
  local made = tonumber(field('"l":', '^%d+'))
  if field('"t":"', '^[^"]*') == reader[3] and made and #window >= made then
    local from = string.find(topValue, '"ids":[', 1, true)
    topIds = from and string.sub(topValue, from + 7, string.find(topValue, ']', from, true))
    if #window > made then
      arrivals = string.sub(window, made + 1)
      merge = { topValue, redis.call('HGET', KEYS[2], 'topm') or '', arrivals }
    end
  end
  if not topIds or merge then topValue = false end
end
local ids = {}
if topIds then
  local start = tonumber(ARGV[4])
  local count = tonumber(ARGV[5])
  if arrivals and start == 0 then
    for pos = #arrivals - 11, 1, -12 do
      ids[#ids + 1] = struct.unpack('>I4', arrivals, pos)
      if #ids >= count then break end
    end
  end
  local i = 0
  for id in string.gmatch(topIds, '%d+') do
    i = i + 1
    if i > start + count then break end
    if i > start then ids[#ids + 1] = tonumber(id) end
  end
elseif ARGV[3] == 'tail' then
  local count = tonumber(ARGV[5])
  local ct = tonumber(ARGV[4])
  local cid = tonumber(ARGV[6])
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
if #ids > 0 and ARGV[1] ~= '' then
  local keys = {}
  for i, id in ipairs(ids) do keys[i] = ARGV[1] .. id end
  values = redis.call('MGET', unpack(keys))
end
-- The page's stories (ARGV[7], the story members key prefix, '' on a cluster): each story's stored members and the
-- cards of those not read above, so a page holding a story needs no more round trips. A latest page reads on past an
-- article that is usually no item of its own (one of a story already met above it, or below its story's newest stored
-- member, which led above the cursor), one more per such article, a few rounds at most.
local stories, members, memberIds, memberValues = {}, {}, {}, {}
if (ARGV[7] or '') ~= '' and #values > 0 then
  local have, known = {}, {}
  for _, id in ipairs(ids) do have[tonumber(id)] = true end
  local from = 1
  for round = 1, 4 do
    local repeats = 0
    for i = from, #values do
      local v = values[i]
      local at = v and string.find(v, ',"card":', 1, true)
      local key = at and string.match(string.sub(v, 1, at), '"storyKey":"([%w%-]+)"')
      if key then
        if known[key] == nil then
          local m = redis.call('HGET', ARGV[7] .. '{' .. key .. '}', 'm')
          known[key] = m
          stories[#stories + 1] = key
          members[#stories] = m
          if m and string.match(m, '^%d+') ~= tostring(ids[i]) then repeats = repeats + 1 end
        else
          repeats = repeats + 1
        end
      end
    end
    from = #values + 1
    if ARGV[3] ~= 'tail' or repeats == 0 or round == 4 then break end
    local more, seen = {}, {}
    local ct, cid = tonumber(ARGV[4]), tonumber(ARGV[6])
    for pos = #window - 11, 1, -12 do
      local id = struct.unpack('>I4', window, pos)
      if not seen[id] then
        seen[id] = true
        local t = struct.unpack('>I4', window, pos + 4)
        if not have[id] and (not ct or t < ct or (t == ct and id < cid)) then
          have[id] = true
          more[#more + 1] = id
          if #more >= repeats then break end
        end
      end
    end
    if #more == 0 then break end
    local keys = {}
    for i, id in ipairs(more) do keys[i] = ARGV[1] .. id end
    local got = redis.call('MGET', unpack(keys))
    for i, id in ipairs(more) do ids[#ids + 1] = id; values[#values + 1] = got[i] end
  end
  for _, m in ipairs(members) do
    if m then
      for id in string.gmatch(m, '%d+') do
        local n = tonumber(id)
        if not have[n] then have[n] = true; memberIds[#memberIds + 1] = n end
      end
    end
  end
  for from = 1, #memberIds, 500 do
    local keys = {}
    for i = from, math.min(#memberIds, from + 499) do keys[#keys + 1] = ARGV[1] .. memberIds[i] end
    local got = redis.call('MGET', unpack(keys))
    for i = 1, #keys do memberValues[from + i - 1] = got[i] end
  end
end
return { window, topValue, ids, values, gap, reader[1], reader[2], reader[3], merge, stories, members, memberIds, memberValues }
`;
