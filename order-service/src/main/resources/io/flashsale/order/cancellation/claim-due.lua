-- Takes up to ARGV[2] orders whose pay deadline (score, epoch millis) is at or before ARGV[1]
-- off the delayed-cancel queue and returns them. Range and removal are one atomic step, so of
-- several instances polling at once each due order is claimed by exactly one.
-- KEYS: pay-deadlines   ARGV: now (epoch millis), limit
-- Returns the claimed order ids, earliest deadline first.
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
for _, orderId in ipairs(due) do
  redis.call('ZREM', KEYS[1], orderId)
end
return due
