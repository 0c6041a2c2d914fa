-- Read: GET /api/v1/persons/{id} for random persons of the data set (INSTITUTION token).
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local ids

function init(args)
  ids = {}
  for _, line in ipairs(read_lines(os.getenv("BENCH_SAMPLES") .. "/persons.tsv")) do
    ids[#ids + 1] = string.match(line, "^(%S+)\t")
  end
  math.randomseed(os.time() + tid)
end

function request()
  return wrk.format("GET", "/api/v1/persons/" .. ids[math.random(#ids)], auth_headers())
end
