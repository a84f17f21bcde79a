-- wrk script (copied from the shared bench folder): POST a purchase with a fresh Idempotency-Key, rotating through pre-minted user tokens.
-- Env: TOKENS (a tokens.lua from mint-tokens.py), SALE (flash sale id), PATH_ (default /api/orders),
-- OFF (where in the token list this run starts: give each run fresh shoppers), RUN (a tag that keeps keys unique).
dofile(os.getenv("TOKENS") or "tokens.lua")
local sale = os.getenv("SALE") or "s1"
local path = os.getenv("PATH_") or "/api/orders"
-- A numeric id goes out as a JSON number, anything else as a string.
local id = sale:match("^%d+$") and sale or ('"' .. sale .. '"')
local body = '{"flashSaleId":' .. id .. ',"quantity":1}'
local n = 0
tid = 0
function init(args) n = tid * 1000000 + tonumber(os.getenv("OFF") or "0") end
request = function()
  n = n + 1
  local tok = tokens[(n % #tokens) + 1]
  return wrk.format("POST", path, {["Authorization"] = "Bearer " .. tok, ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = "bk-" .. (os.getenv("RUN") or "r") .. "-" .. n}, body)
end
local threads = {}
function setup(thread) tid = tid + 1; thread:set("tid", tid); table.insert(threads, thread) end
c2, c409, c429, c4, c5 = 0, 0, 0, 0, 0
response = function(status, headers, body)
  if status < 300 then c2 = c2 + 1 elseif status == 409 then c409 = c409 + 1 elseif status == 429 then c429 = c429 + 1
  elseif status < 500 then c4 = c4 + 1 else c5 = c5 + 1 end
end
done = function(summary, latency, requests)
  local t = {0, 0, 0, 0, 0}
  for _, th in ipairs(threads) do
    t[1] = t[1] + th:get("c2"); t[2] = t[2] + th:get("c409"); t[3] = t[3] + th:get("c429"); t[4] = t[4] + th:get("c4"); t[5] = t[5] + th:get("c5")
  end
  io.write(string.format("codes 2xx=%d 409=%d 429=%d other4xx=%d 5xx=%d\n", t[1], t[2], t[3], t[4], t[5]))
end
