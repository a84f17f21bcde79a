-- Every rate-limit decision of one request in one call: the caller's blacklist entries,
-- then the IP, user and route token buckets in that order, stopping at the first that
-- runs dry; a caller's own bucket running dry counts a rejection against it and blocks
-- it once it passes the limit. Every key carries the request's shard hash tag, so the
-- script runs on Redis Cluster.
--
-- KEYS: 1 ip tokens, 2 ip stamp, 3 user tokens, 4 user stamp, 5 route tokens, 6 route stamp,
--       7 ip blocked, 8 user blocked, 9 ip rejections, 10 user rejections
-- ARGV: 1-3 ip rate/burst/cost, 4-6 user rate/burst/cost, 7-9 route rate/burst/cost
--       (cost 0: the bucket does not apply), 10 blacklist on (1/0), 11 rejections tolerated,
--       12 window ms, 13 block ms, 14 whether there is a user (1/0)
-- Returns {outcome, limiter, remaining, block ms, block started}:
--   outcome 0 allowed (remaining: the caller's last bucket checked, -1 if none),
--           1 blocked (block ms: the longer block), 2 rejected by limiter 1 ip, 2 user, 3 route
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)

local function blocked(key)
  local ttl = redis.call('PTTL', key)
  if ttl == -1 then
    return tonumber(ARGV[13])
  end
  return ttl
end

if ARGV[10] == '1' then
  local block = blocked(KEYS[7])
  if ARGV[14] == '1' then
    block = math.max(block, blocked(KEYS[8]))
  end
  if block > 0 then
    return {1, 0, -1, block, 0}
  end
end

-- One token bucket, as Spring Cloud Gateway's script keeps it, in milliseconds.
local function take(tokens_key, stamp_key, rate, burst, cost)
  local ttl = math.max(1, math.floor(burst / rate * 2000))
  local tokens = tonumber(redis.call('GET', tokens_key)) or burst
  local stamp = tonumber(redis.call('GET', stamp_key)) or 0
  local filled = math.min(burst, tokens + math.max(0, now - stamp) * rate / 1000)
  local allowed = filled >= cost
  if allowed then
    filled = filled - cost
  end
  redis.call('SET', tokens_key, tostring(filled), 'PX', ttl)
  redis.call('SET', stamp_key, tostring(now), 'PX', ttl)
  return allowed, math.floor(filled)
end

local function strike(rejections_key, blocked_key)
  local count = redis.call('INCR', rejections_key)
  if count == 1 then
    redis.call('PEXPIRE', rejections_key, ARGV[12])
  end
  if count > tonumber(ARGV[11]) then
    redis.call('DEL', rejections_key)
    if redis.call('SET', blocked_key, '1', 'PX', ARGV[13], 'NX') then
      return 1
    end
  end
  return 0
end

local remaining = -1
for limiter = 1, 3 do
  local base = (limiter - 1) * 3
  local cost = tonumber(ARGV[base + 3])
  if cost > 0 then
    local allowed, left = take(KEYS[limiter * 2 - 1], KEYS[limiter * 2], tonumber(ARGV[base + 1]),
      tonumber(ARGV[base + 2]), cost)
    if not allowed then
      local started = 0
      if ARGV[10] == '1' and limiter < 3 then
        started = strike(KEYS[8 + limiter], KEYS[6 + limiter])
      end
      return {2, limiter, left, 0, started}
    end
    if limiter < 3 then
      remaining = left
    end
  end
end
return {0, 0, remaining, 0, 0}
