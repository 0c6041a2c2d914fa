-- Read: GET /api/v1/aid-accounts/{id} (the parent's balance view: account, balance and its ledger
-- entries) for random accounts of this year (BENCH_SAMPLES/aid-accounts.tsv), with the ADMIN token
-- (region scope check; a GUARDIAN reads the same answer through the guardian_children scope).
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local ids

function init(args)
  ids = {}
  for _, line in ipairs(read_lines(os.getenv("BENCH_SAMPLES") .. "/aid-accounts.tsv")) do
    ids[#ids + 1] = string.match(line, "^(%S+)")
  end
  math.randomseed(os.time() + tid)
end

function request()
  return wrk.format("GET", "/api/v1/aid-accounts/" .. ids[math.random(#ids)], auth_headers())
end
