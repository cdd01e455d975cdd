/**
 * KEYS: card keys. Returns one JSON array string: for each key the envelope's head (everything before
 * its `card`, closed), the version of a value without a card (an invalidation marker), or null when missing. A ranked read judges 200 cards by their
 * heads and shows 20, so the card JSON of the other 180 need not cross the wire or be decoded.
 */
export const CARD_HEADS_LUA = `
local out = {}
for i, key in ipairs(KEYS) do
  local value = redis.call('GET', key)
  local at = value and string.find(value, ',"card":', 1, true)
  if at then out[i] = string.sub(value, 1, at - 1) .. '}' else out[i] = (value and string.match(value, '^{"v":(%d+)')) or 'null' end
end
return '[' .. table.concat(out, ',') .. ']'
`;
