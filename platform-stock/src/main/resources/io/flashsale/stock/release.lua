-- Gives a reservation's units back: after a failed Kafka send, or from the reaper when no
-- order claimed it in time. Only an unclaimed (RESERVED) reservation is released, so stock
-- comes back at most once and never from under an order.
-- KEYS: stock, bought, reservations, pending, idempotency   ARGV: orderId, [cutoffMillis]
-- With a cutoff (the reaper's), a reservation whose hand-off started at or after it (a
-- replay sent its record again meanwhile) is left alone.
-- Returns RELEASED when this call released it; otherwise MISSING, RECENT or WAS_<state>.
local raw = redis.call('HGET', KEYS[3], ARGV[1])
if not raw then
  return 'MISSING'
end
local reservation = cjson.decode(raw)
if reservation.s ~= 'RESERVED' then
  return 'WAS_' .. reservation.s
end
if ARGV[2] then
  local since = redis.call('ZSCORE', KEYS[4], ARGV[1])
  if since and tonumber(since) >= tonumber(ARGV[2]) then
    return 'RECENT'
  end
end
redis.call('INCRBY', KEYS[1], reservation.q)
if redis.call('HINCRBY', KEYS[2], reservation.u, -reservation.q) <= 0 then
  redis.call('HDEL', KEYS[2], reservation.u)
end
reservation.s = 'RELEASED'
redis.call('HSET', KEYS[3], ARGV[1], cjson.encode(reservation))
redis.call('ZREM', KEYS[4], ARGV[1])
-- The key may be used again: the shopper got a 503, or never got an answer.
redis.call('HDEL', KEYS[5], reservation.k)
return 'RELEASED'
