-- Sets the stock counter to what the reservation records prove it must be:
-- initial - units held by RESERVED and CONFIRMED reservations. Rebuilds the per-user
-- holdings the same way. Runs atomically, so no purchase can interleave.
-- KEYS: meta, stock, bought, reservations
-- Returns {stockBefore, stockAfter}, both '' when the sale is not warmed.
local initial = redis.call('HGET', KEYS[1], 'initial')
if not initial then
  return {'', ''}
end
local held = 0
local byUser = {}
local all = redis.call('HGETALL', KEYS[4])
for i = 2, #all, 2 do
  local reservation = cjson.decode(all[i])
  if reservation.s == 'RESERVED' or reservation.s == 'CONFIRMED' then
    held = held + reservation.q
    byUser[reservation.u] = (byUser[reservation.u] or 0) + reservation.q
  end
end
local before = redis.call('GET', KEYS[2]) or ''
local expected = tonumber(initial) - held
if before ~= tostring(expected) then
  redis.call('SET', KEYS[2], expected)
end
redis.call('DEL', KEYS[3])
for user, quantity in pairs(byUser) do
  redis.call('HSET', KEYS[3], user, quantity)
end
return {before, tostring(expected)}
