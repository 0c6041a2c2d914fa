-- Read: GET /api/v1/reports/indicators?year=&groupBy=COMMUNITY for the whole data set (ADMIN token):
-- every indicator with one group per community (115 per district).
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local path = "/api/v1/reports/indicators?year=" .. os.getenv("BENCH_YEAR") .. "&groupBy=COMMUNITY"

function request()
  return wrk.format("GET", path, auth_headers())
end
