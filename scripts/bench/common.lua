-- Shared by the wrk scripts of scripts/bench.sh (loaded with dofile in every Lua state of wrk).
-- Environment: BENCH_TOKEN (bearer token, from a login done before the run), BENCH_OUT (JSON result
-- file), BENCH_RUN (a number unique per run, so generated keys never repeat across runs).
local threads = {}
local next_tid = 0

function setup(thread)
  thread:set("tid", next_tid)
  next_tid = next_tid + 1
  table.insert(threads, thread)
end

token = os.getenv("BENCH_TOKEN") or ""
run = tonumber(os.getenv("BENCH_RUN") or "0")
status4 = 0
status5 = 0
first_error = ""

function auth_headers(extra)
  local h = { ["Authorization"] = "Bearer " .. token, ["Accept"] = "application/json" }
  for k, v in pairs(extra or {}) do h[k] = v end
  return h
end

function response(status, headers, body)
  if status >= 500 then
    status5 = status5 + 1
  elseif status >= 400 then
    status4 = status4 + 1
  end
  if status >= 400 and first_error == "" then first_error = tostring(status) .. " " .. string.sub(body or "", 1, 200) end
end

-- Lines of a text file (the benchmark keys written by generate-scale-data --sample-dir).
function read_lines(path)
  local lines = {}
  local f = assert(io.open(path, "r"), "cannot open " .. tostring(path))
  for line in f:lines() do if line ~= "" then lines[#lines + 1] = line end end
  f:close()
  return lines
end

local function esc(s)
  return (string.gsub(s, '[%c"\\]', function(c) return string.format("\\u%04x", string.byte(c)) end))
end

function done(summary, latency, requests)
  local s4, s5, err = 0, 0, ""
  for _, t in ipairs(threads) do
    s4 = s4 + (t:get("status4") or 0)
    s5 = s5 + (t:get("status5") or 0)
    if err == "" then err = t:get("first_error") or "" end
  end
  local secs = summary.duration / 1e6
  local e = summary.errors
  local out = string.format(
    '{"requests":%d,"seconds":%.3f,"rps":%.1f,"meanMs":%.2f,"p50Ms":%.2f,"p95Ms":%.2f,"p99Ms":%.2f,"maxMs":%.2f,'
      .. '"errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d,"status4xx":%d,"status5xx":%d,"total":%d},"firstError":"%s"}\n',
    summary.requests, secs, summary.requests / secs, latency.mean / 1000,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect, e.read, e.write, e.timeout, s4, s5, e.connect + e.read + e.write + e.timeout + s4 + s5, esc(err))
  local f = assert(io.open(os.getenv("BENCH_OUT"), "w"))
  f:write(out)
  f:close()
end
