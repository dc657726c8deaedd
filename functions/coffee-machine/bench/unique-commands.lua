-- wrk script: binary-mode CloudEvent commands, each with a fresh id and (by default) a fresh
-- actor id, so every request runs the whole adapter path: decode, load, decide, append, publish.
local counter = 0
local prefix

function init(args)
  prefix = tostring({}):sub(8) .. "-" .. tostring(os.clock())
  hot = args[1] == "hot"
end

function request()
  counter = counter + 1
  local id = prefix .. "-" .. counter
  wrk.headers["ce-specversion"] = "1.0"
  wrk.headers["ce-source"] = "/bench"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["ce-id"] = id
  if hot then
    -- One machine, commands that always decide: brew while OFF is refused and recorded.
    wrk.headers["ce-type"] = "coffee.machine.brew"
    wrk.headers["ce-subject"] = "hot-machine"
    return wrk.format("POST", "/", nil, '{"recipe":"espresso"}')
  end
  wrk.headers["ce-type"] = "coffee.machine.initialize"
  wrk.headers["ce-subject"] = "machine-" .. id
  return wrk.format("POST", "/", nil, "{}")
end

function done(summary, latency, requests)
  local ok = summary.requests - summary.errors.status - summary.errors.connect - summary.errors.read
      - summary.errors.write - summary.errors.timeout
  io.write(string.format("commands/s: %.0f  (completed %d, non-2xx %d)  p50 %.2f ms  p99 %.2f ms\n",
      ok / (summary.duration / 1e6), ok, summary.errors.status,
      latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
