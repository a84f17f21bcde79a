-- Counts one rate-limit rejection against a caller and blocks the caller once the count
-- passes the limit within the window. Both keys carry the caller's hash tag, so they live
-- in one Redis Cluster slot.
-- KEYS[1] rejections counter, KEYS[2] block flag
-- ARGV[1] rejections tolerated per window (N), ARGV[2] window in ms (M), ARGV[3] block in ms (T)
-- Returns 1 when this call started a block, else 0 (so each block is counted once).
local rejections = redis.call('INCR', KEYS[1])
if rejections == 1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
if rejections > tonumber(ARGV[1]) then
  redis.call('DEL', KEYS[1])
  if redis.call('SET', KEYS[2], '1', 'PX', ARGV[3], 'NX') then
    return 1
  end
end
return 0
