-- Read: GET /api/v1/reports/indicators?year= for the whole data set (ADMIN token, global scope).
-- BENCH_YEAR: the report's year. Used once the reports feature is merged (scripts/bench.sh checks the endpoint).
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local path = "/api/v1/reports/indicators?year=" .. os.getenv("BENCH_YEAR")

function request()
  return wrk.format("GET", path, auth_headers())
end
