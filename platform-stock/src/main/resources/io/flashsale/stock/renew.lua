-- A replayed purchase whose reservation is still unclaimed (RESERVED) is about to hand its
-- record to Kafka again: its hand-off deadline starts over, so the reaper does not release
-- it while the new send is on its way. Any other state is left alone.
-- KEYS: reservations, pending   ARGV: orderId, nowMillis
-- Returns the reservation record (JSON) as found, or false when there is none.
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then
  return false
end
if cjson.decode(raw).s == 'RESERVED' then
  redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
end
return raw
