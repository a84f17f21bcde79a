-- One consistent read of a sale's counters for reconciliation.
-- KEYS: meta, stock, reservations
-- Returns {initial or '', stock or '', field1, value1, field2, value2, ...}
local initial = redis.call('HGET', KEYS[1], 'initial') or ''
local stock = redis.call('GET', KEYS[2]) or ''
local result = {initial, stock}
local all = redis.call('HGETALL', KEYS[3])
for i = 1, #all do
  result[#result + 1] = all[i]
end
return result
