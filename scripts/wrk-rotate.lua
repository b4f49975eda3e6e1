-- wrk script for scripts/bench: rotates through request paths (WRK_PATHS: a file, one path per line) and, when
-- WRK_BODIES names a file (one JSON body per line), POSTs body i with path i, with WRK_HEADER ("Name: value").
local paths, bodies = {}, {}
for line in io.lines(os.getenv("WRK_PATHS")) do paths[#paths + 1] = line end
local bodies_file = os.getenv("WRK_BODIES")
if bodies_file and bodies_file ~= "" then
    for line in io.lines(bodies_file) do bodies[#bodies + 1] = line end
end
local header = os.getenv("WRK_HEADER")
local headers = {}
if header and header ~= "" then
    local name, value = header:match("^([^:]+):%s*(.*)$")
    headers[name] = value
end
local i = 0
local threads = 0

setup = function(thread)
    -- each wrk thread starts at another place in the list
    thread:set("offset", threads * 7919)
    threads = threads + 1
end

init = function(args)
    i = (offset or 0) % #paths
end

request = function()
    i = i % #paths + 1
    if #bodies > 0 then
        headers["Content-Type"] = "application/json"
        return wrk.format("POST", paths[i], headers, bodies[(i - 1) % #bodies + 1])
    end
    return wrk.format("GET", paths[i], headers)
end

-- the same summary line as scripts/LoadTest.java prints (errors: statuses >= 400 and socket errors)
done = function(summary, latency, requests)
    local e = summary.errors
    local errors = e.status + e.connect + e.read + e.write + e.timeout
    local seconds = summary.duration / 1e6
    io.write(string.format("RESULT label=%s requests=%d seconds=%.1f rps=%.1f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f"
        .. " max_ms=%.2f error_rate=%.4f\n", os.getenv("WRK_LABEL") or "wrk", summary.requests, seconds,
        summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
        latency:percentile(99) / 1000, latency.max / 1000, summary.requests > 0 and errors / summary.requests or 0))
end
