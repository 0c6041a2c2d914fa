-- Read: POST /api/v1/persons/lookup {"certificateNo"} for random persons of the data set
-- (INSTITUTION token: masked answer, as staff finding a person to serve them).
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local certs

function init(args)
  certs = {}
  for _, line in ipairs(read_lines(os.getenv("BENCH_SAMPLES") .. "/persons.tsv")) do
    certs[#certs + 1] = string.match(line, "\t(%S+)$")
  end
  math.randomseed(os.time() + tid)
end

function request()
  return wrk.format("POST", "/api/v1/persons/lookup", auth_headers({ ["Content-Type"] = "application/json" }),
    '{"certificateNo":"' .. certs[math.random(#certs)] .. '"}')
end
