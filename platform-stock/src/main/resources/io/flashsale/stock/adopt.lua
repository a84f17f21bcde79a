-- Adopts an acknowledged order whose reservation vanished from Redis (lost with a Redis
-- that restarted without its data, or the last second of an AOF written every second).
-- The shopper got 202, so the order is written whatever happens here; this script only
-- makes the counters account for it.
-- KEYS: stock, bought, reservations   ARGV: orderId, userId, quantity, reservedAtMillis
-- Returns {outcome, detail}:
--   EXISTS state        the reservation is there after all; nothing changed
--   COUNTERS_LOST ''    the sale has no stock counter; the rebuild from the orders of
--                       record will count this order once it is written
--   ADOPTED stock       a CONFIRMED reservation now holds the units; stock is the counter
--                       after the call and may be negative when the loss oversold the sale
local raw = redis.call('HGET', KEYS[3], ARGV[1])
if raw then
  return {'EXISTS', cjson.decode(raw).s}
end
if redis.call('EXISTS', KEYS[1]) == 0 then
  return {'COUNTERS_LOST', ''}
end
local quantity = tonumber(ARGV[3])
local stock = redis.call('DECRBY', KEYS[1], quantity)
redis.call('HINCRBY', KEYS[2], ARGV[2], quantity)
redis.call('HSET', KEYS[3], ARGV[1], cjson.encode({s = 'CONFIRMED', u = ARGV[2], q = quantity, t = ARGV[4], k = ''}))
return {'ADOPTED', tostring(stock)}
