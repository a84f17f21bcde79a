-- Prepares a template's counters when it is created, so a claim costs one script. Live
-- counters are never overwritten: a repeat changes nothing.
-- KEYS: meta, stock   ARGV: totalStock, claimStartsMillis, claimEndMillis, perUserLimit
-- Returns PREPARED, or EXISTS when the stock counter was there already.
if redis.call('EXISTS', KEYS[2]) == 1 then
  return 'EXISTS'
end
redis.call('HSET', KEYS[1], 'start', ARGV[2], 'end', ARGV[3], 'limit', ARGV[4])
redis.call('SET', KEYS[2], ARGV[1])
return 'PREPARED'
