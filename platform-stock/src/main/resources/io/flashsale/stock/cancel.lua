-- Gives a cancelled order's units back: its reservation was CONFIRMED (an order claimed it)
-- and the order was then cancelled (unpaid at its deadline, or by the shopper). Only a
-- CONFIRMED reservation is cancelled, so the units come back at most once however often
-- the cancellation is delivered, and a RESERVED one stays with the reaper (release.lua).
-- The idempotency key is kept: the shopper's earlier key keeps replaying the cancelled
-- order id, which is safer than freeing it (a retried request never buys again silently).
-- KEYS: stock, bought, reservations   ARGV: orderId
-- Returns {outcome, quantity, stock}: CANCELLED when this call returned the units;
-- otherwise MISSING, WAS_<state> or NOT_WARMED with nothing changed. stock is the counter
-- after the call ('' when the sale is not warmed).
local raw = redis.call('HGET', KEYS[3], ARGV[1])
if not raw then
  return {'MISSING', '0', redis.call('GET', KEYS[1]) or ''}
end
local reservation = cjson.decode(raw)
if reservation.s ~= 'CONFIRMED' then
  return {'WAS_' .. reservation.s, tostring(reservation.q), redis.call('GET', KEYS[1]) or ''}
end
-- Without a stock counter the sale awaits a rebuild from the orders of record, which leaves
-- cancelled orders out; creating the counter here would block that rebuild.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return {'NOT_WARMED', tostring(reservation.q), ''}
end
local stock = redis.call('INCRBY', KEYS[1], reservation.q)
if redis.call('HINCRBY', KEYS[2], reservation.u, -reservation.q) <= 0 then
  redis.call('HDEL', KEYS[2], reservation.u)
end
reservation.s = 'CANCELLED'
redis.call('HSET', KEYS[3], ARGV[1], cjson.encode(reservation))
return {'CANCELLED', tostring(reservation.q), tostring(stock)}
