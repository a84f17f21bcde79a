-- The whole claim decision, atomically: idempotency key, claim window, per-user limit,
-- stock check and take, the issued coupon's record. Every key shares the template's hash
-- tag, so the script runs on one Redis Cluster slot.
-- KEYS: meta, stock, claims, idem, issued
-- ARGV: userId, couponId, nowMillis, idempotencyKey
-- Returns {outcome, detail}: TAKEN remaining | REPLAY couponId | KEY_REUSED | NOT_PREPARED |
-- NOT_OPEN | LIMIT held | GONE
local meta = redis.call('HMGET', KEYS[1], 'start', 'end', 'limit')
if not meta[1] then
  return {'NOT_PREPARED', ''}
end
-- A replay is answered even after the window closed or the stock ran out.
local prior = redis.call('HGET', KEYS[4], ARGV[4])
if prior then
  local sep = string.find(prior, '|', 1, true)
  if string.sub(prior, 1, sep - 1) ~= ARGV[1] then
    return {'KEY_REUSED', ''}
  end
  return {'REPLAY', string.sub(prior, sep + 1)}
end
local now = tonumber(ARGV[3])
if now < tonumber(meta[1]) or now >= tonumber(meta[2]) then
  return {'NOT_OPEN', ''}
end
local held = tonumber(redis.call('HGET', KEYS[3], ARGV[1]) or '0')
if held >= tonumber(meta[3]) then
  return {'LIMIT', tostring(held)}
end
local stock = redis.call('GET', KEYS[2])
if not stock then
  return {'NOT_PREPARED', ''}
end
if tonumber(stock) <= 0 then
  return {'GONE', '0'}
end
local left = redis.call('DECR', KEYS[2])
redis.call('HINCRBY', KEYS[3], ARGV[1], 1)
redis.call('HSET', KEYS[4], ARGV[4], ARGV[1] .. '|' .. ARGV[2])
redis.call('HSET', KEYS[5], ARGV[2], cjson.encode({s = 'PENDING', u = ARGV[1], t = ARGV[3], k = ARGV[4]}))
return {'TAKEN', tostring(left)}
