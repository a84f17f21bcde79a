-- The order writer claims a reservation before it persists the order, so the reaper can no
-- longer release it. Claiming twice is harmless.
-- KEYS: reservations, pending   ARGV: orderId
-- Returns the state after the call: CONFIRMED, or RELEASED / CANCELLED / MISSING when there
-- is no stock behind the order any more.
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then
  return 'MISSING'
end
local reservation = cjson.decode(raw)
if reservation.s == 'RESERVED' then
  reservation.s = 'CONFIRMED'
  redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(reservation))
  redis.call('ZREM', KEYS[2], ARGV[1])
end
return reservation.s
