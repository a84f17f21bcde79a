-- What the gateway needs to answer a sale's purchases from memory, read atomically.
-- KEYS: meta, stock, reservations, idempotency (one sale's keys: one hash tag)
-- ARGV: the reservations version the caller holds, now (epoch millis)
-- Returns {} for a sale without counters, else {start, end, limit, stock, version} and,
-- when the sale can no longer sell (no stock, or over) and the version moved, every
-- idempotency field after them: the purchases a shopper may still replay.
local meta = redis.call('HMGET', KEYS[1], 'start', 'end', 'limit')
local stock = redis.call('GET', KEYS[2])
if not meta[1] or not stock then
  return {}
end
-- Reservation records are never deleted, so their count moves with every purchase.
local version = redis.call('HLEN', KEYS[3])
local result = {meta[1], meta[2], meta[3], stock, tostring(version)}
local closed = tonumber(stock) <= 0 or tonumber(ARGV[2]) >= tonumber(meta[2])
if closed and tostring(version) ~= ARGV[1] then
  local fields = redis.call('HKEYS', KEYS[4])
  for i = 1, #fields do
    result[#result + 1] = fields[i]
  end
end
return result
