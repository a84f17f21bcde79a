-- Warms one sale's counters before it starts. Never overwrites a live counter: once the
-- stock key exists only the window and the limit may change (an edit before the start).
-- KEYS: meta, stock   ARGV: initial, startMillis, endMillis, perUserLimit
-- Returns 'WARMED' the first time, 'REFRESHED' after that.
redis.call('HSET', KEYS[1], 'start', ARGV[2], 'end', ARGV[3], 'limit', ARGV[4])
if redis.call('EXISTS', KEYS[2]) == 1 then
  return 'REFRESHED'
end
redis.call('HSET', KEYS[1], 'initial', ARGV[1])
redis.call('SET', KEYS[2], ARGV[1])
return 'WARMED'
