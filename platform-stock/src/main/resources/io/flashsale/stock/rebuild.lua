-- Rebuilds a sale's lost counters from the orders of record, after Redis lost them. Refuses
-- when a stock counter exists: live counters are never overwritten.
-- KEYS: meta, stock, bought, reservations
-- ARGV: initial, startMillis, endMillis, perUserLimit, then per order: orderId, userId,
-- quantity, reservedAtMillis
-- Returns {'REBUILT', remaining} or {'LIVE', remaining}.
local live = redis.call('GET', KEYS[2])
if live then
  return {'LIVE', live}
end
local held = 0
for i = 5, #ARGV, 4 do
  local quantity = tonumber(ARGV[i + 2])
  held = held + quantity
  redis.call('HINCRBY', KEYS[3], ARGV[i + 1], quantity)
  redis.call('HSET', KEYS[4], ARGV[i],
    cjson.encode({s = 'CONFIRMED', u = ARGV[i + 1], q = quantity, t = ARGV[i + 3], k = ''}))
end
local remaining = tonumber(ARGV[1]) - held
redis.call('HSET', KEYS[1], 'initial', ARGV[1], 'start', ARGV[2], 'end', ARGV[3], 'limit', ARGV[4])
redis.call('SET', KEYS[2], remaining)
return {'REBUILT', tostring(remaining)}
