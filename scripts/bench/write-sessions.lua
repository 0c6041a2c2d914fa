-- Write load for WRITE_KIND=sessions (the default): POST /api/v1/sessions with useChildAid=true as
-- INSTITUTION users of child-aid designated institutions (BENCH_TOKENS: one token per line, logged in
-- before the run; each request picks one at random) for children holding this year's aid account
-- (BENCH_SAMPLES/aid-accounts.tsv: account id, child id, balance), spread over all sampled accounts
-- so balances do not all run dry at once. Fee 120.00; once an account is used up the rest of the fee
-- is selfPay, which is still the full transaction (the charge statement runs and charges 0).
-- BENCH_DATE is the service's today (Asia/Shanghai). Every request has a unique Idempotency-Key.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

local children, tokens
local date = os.getenv("BENCH_DATE")
local n = 0
local TYPES = { "REHAB_TRAINING", "REHAB_MEDICAL", "PSYCHOLOGICAL_SUPPORT" }

function init(args)
  children = {}
  for _, line in ipairs(read_lines(os.getenv("BENCH_SAMPLES") .. "/aid-accounts.tsv")) do
    children[#children + 1] = string.match(line, "^%S+\t(%S+)")
  end
  tokens = read_lines(os.getenv("BENCH_TOKENS"))
  math.randomseed(os.time() * 100 + run * 10 + tid)
end

function request()
  n = n + 1
  local body = string.format(
    '{"personId":"%s","serviceType":"%s","date":"%s","durationMinutes":45,"therapist":"压测治疗师","fee":"120.00","useChildAid":true}',
    children[math.random(#children)], TYPES[(n % #TYPES) + 1], date)
  return wrk.format("POST", "/api/v1/sessions", {
    ["Authorization"] = "Bearer " .. tokens[math.random(#tokens)], ["Accept"] = "application/json",
    ["Content-Type"] = "application/json", ["Idempotency-Key"] = "bench-" .. run .. "-" .. tid .. "-" .. n }, body)
end
