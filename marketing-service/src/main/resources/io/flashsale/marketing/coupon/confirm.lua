-- The coupon writer claims a batch of one template's coupons before storing them, so a
-- failed send's release can no longer give them back. PENDING becomes CONFIRMED; a
-- RELEASED coupon stays released (its stock went back: it must not be stored).
-- KEYS: issued   ARGV: couponId...
-- Returns each coupon's state after the call, MISSING when Redis has no record of it.
local states = {}
for i, id in ipairs(ARGV) do
  local raw = redis.call('HGET', KEYS[1], id)
  if not raw then
    states[i] = 'MISSING'
  else
    local coupon = cjson.decode(raw)
    if coupon.s == 'PENDING' then
      coupon.s = 'CONFIRMED'
      redis.call('HSET', KEYS[1], id, cjson.encode(coupon))
    end
    states[i] = coupon.s
  end
end
return states
