-- Write load for WRITE_KIND=persons: POST /api/v1/persons (ADMIN token) with a new valid person per
-- request: a unique 18-digit ID number (GB 11643 check digit) under an area code 159xxx that the
-- data set never uses (one per run and wrk thread, so no two requests of any run collide),
-- the matching certificate number, a community of the data set, and a unique Idempotency-Key.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

local WEIGHTS = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 }
local CHECK = { "1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2" }
local CATEGORIES = { "VISUAL", "HEARING", "SPEECH", "PHYSICAL", "INTELLECTUAL", "MENTAL", "MULTIPLE" }
local BASE = 31536000 -- 1971-01-01T00:00:00Z
local DAYS = 19000    -- birth dates 1971-01-01 .. 2023-01-08
local communities
local n = 0

function init(args)
  communities = read_lines(os.getenv("BENCH_COMMUNITIES"))
end

local function id_number(key)
  local day = key % DAYS
  local seq = math.floor(key / DAYS) % 1000 -- unique for the first DAYS * 1000 = 19,000,000 requests
  local t = BASE + day * 86400
  local first17 = string.format("15%04d", 9000 + run * 8 + tid) .. os.date("!%Y%m%d", t) .. string.format("%03d", seq)
  local sum = 0
  for i = 1, 17 do sum = sum + (string.byte(first17, i) - 48) * WEIGHTS[i] end
  return first17 .. CHECK[(sum % 11) + 1], os.date("!%Y-%m-%d", t), (seq % 2 == 1) and "M" or "F"
end

function request()
  n = n + 1
  local id, birth, gender = id_number(n)
  local cat = math.random(1, 7)
  local grade = math.random(1, 4)
  local body = string.format(
    '{"name":"压测%d","gender":"%s","birthDate":"%s","idNumber":"%s","certificateNo":"%s%d%d","category":"%s","grade":%d,'
      .. '"autism":false,"regionCode":"%s","phone":"13800000000"}',
    n, gender, birth, id, id, cat, grade, CATEGORIES[cat], grade, communities[math.random(#communities)])
  return wrk.format("POST", "/api/v1/persons",
    auth_headers({ ["Content-Type"] = "application/json", ["Idempotency-Key"] = "bench-" .. run .. "-" .. tid .. "-" .. n }), body)
end
