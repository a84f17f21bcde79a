-- Gives a claimed coupon back after its Kafka send failed: the stock and the shopper's
-- count grow by one and the idempotency key may be used again. Only a PENDING coupon (the
-- writer has not confirmed it) is released, so stock comes back at most once and never
-- from under a stored coupon.
-- KEYS: stock, claims, idem, issued   ARGV: couponId
-- Returns RELEASED when this call released it; otherwise MISSING or WAS_<state>.
local raw = redis.call('HGET', KEYS[4], ARGV[1])
if not raw then
  return 'MISSING'
end
local coupon = cjson.decode(raw)
if coupon.s ~= 'PENDING' then
  return 'WAS_' .. coupon.s
end
redis.call('INCR', KEYS[1])
if redis.call('HINCRBY', KEYS[2], coupon.u, -1) <= 0 then
  redis.call('HDEL', KEYS[2], coupon.u)
end
redis.call('HDEL', KEYS[3], coupon.k)
coupon.s = 'RELEASED'
redis.call('HSET', KEYS[4], ARGV[1], cjson.encode(coupon))
return 'RELEASED'
