-- wrk script (copied from the shared bench folder): GET PATH_ with a rotating pre-minted token; counts answers by class.
dofile(os.getenv("TOKENS") or "tokens.lua")
local path = os.getenv("PATH_")
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", path, {["Authorization"] = "Bearer " .. tokens[(n % #tokens) + 1]})
end
local threads = {}
function setup(thread) table.insert(threads, thread) end
c2, c4, c5 = 0, 0, 0
response = function(status, headers, body)
  if status < 300 then c2 = c2 + 1 elseif status < 500 then c4 = c4 + 1 else c5 = c5 + 1 end
end
done = function(summary, latency, requests)
  local t = {0,0,0}
  for _, th in ipairs(threads) do t[1]=t[1]+th:get("c2"); t[2]=t[2]+th:get("c4"); t[3]=t[3]+th:get("c5") end
  io.write(string.format("codes 2xx=%d 4xx=%d 5xx=%d\n", t[1], t[2], t[3]))
end
