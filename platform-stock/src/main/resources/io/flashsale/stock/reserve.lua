-- The whole purchase decision, atomically: idempotency key, sale window, per-user limit,
-- stock check and decrement, reservation record. Every key shares the sale's hash tag.
-- KEYS: meta, stock, bought, reservations, pending, idempotency
-- ARGV: userId, quantity, orderId, nowMillis, idempotencyField, requestHash
-- Returns {outcome, detail}: RESERVED remaining | REPLAY orderId | KEY_REUSED | NOT_WARMED |
-- NOT_ACTIVE | LIMIT held | SOLD_OUT remaining
local meta = redis.call('HMGET', KEYS[1], 'start', 'end', 'limit')
if not meta[1] then
  return {'NOT_WARMED', ''}
end
-- A replay is answered even after the window closes or the stock runs out.
local prior = redis.call('HGET', KEYS[6], ARGV[5])
if prior then
  local sep = string.find(prior, '|', 1, true)
  if string.sub(prior, 1, sep - 1) ~= ARGV[6] then
    return {'KEY_REUSED', ''}
  end
  return {'REPLAY', string.sub(prior, sep + 1)}
end
local now = tonumber(ARGV[4])
if now < tonumber(meta[1]) or now >= tonumber(meta[2]) then
  return {'NOT_ACTIVE', ''}
end
local quantity = tonumber(ARGV[2])
local held = tonumber(redis.call('HGET', KEYS[3], ARGV[1]) or '0')
if held + quantity > tonumber(meta[3]) then
  return {'LIMIT', tostring(held)}
end
local stock = redis.call('GET', KEYS[2])
if not stock then
  return {'NOT_WARMED', ''}
end
local left = tonumber(stock)
if left < quantity then
  return {'SOLD_OUT', tostring(left)}
end
left = redis.call('DECRBY', KEYS[2], quantity)
redis.call('HINCRBY', KEYS[3], ARGV[1], quantity)
redis.call('HSET', KEYS[4], ARGV[3], cjson.encode({s = 'RESERVED', u = ARGV[1], q = quantity, t = ARGV[4], k = ARGV[5]}))
redis.call('ZADD', KEYS[5], now, ARGV[3])
redis.call('HSET', KEYS[6], ARGV[5], ARGV[6] .. '|' .. ARGV[3])
return {'RESERVED', tostring(left)}
