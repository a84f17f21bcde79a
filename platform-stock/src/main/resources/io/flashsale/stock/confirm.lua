-- The order writer claims reservations before it persists their orders, so the reaper can no
-- longer release them; one call claims a whole batch of one sale. Claiming twice is harmless.
-- KEYS: reservations, pending   ARGV: orderId...
-- Returns the state of each after the call, in order: CONFIRMED, or RELEASED / CANCELLED /
-- MISSING when there is no stock behind the order any more.
local states = {}
for i = 1, #ARGV do
  local raw = redis.call('HGET', KEYS[1], ARGV[i])
  if not raw then
    states[i] = 'MISSING'
  else
    local reservation = cjson.decode(raw)
    if reservation.s == 'RESERVED' then
      reservation.s = 'CONFIRMED'
      redis.call('HSET', KEYS[1], ARGV[i], cjson.encode(reservation))
      redis.call('ZREM', KEYS[2], ARGV[i])
    end
    states[i] = reservation.s
  end
end
return states
