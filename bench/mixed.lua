-- The mixed workload for wrk: every request is the next line of the request file
-- that bench/mixed.py writes (method, path, cookie, body; tab-separated), so the mix
-- and the users are decided there. Each thread starts at its own place in the file.
local lines = {}
local next_line = 1
local origin = os.getenv("BENCH_ORIGIN")

local threads = 0

function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end

function init(args)
  for line in io.lines(args[1]) do
    lines[#lines + 1] = line
  end
  next_line = (id or 0) * 7919 % #lines + 1
end

local function split(s)
  local out = {}
  for field in (s .. "\t"):gmatch("([^\t]*)\t") do
    out[#out + 1] = field
  end
  return out
end

function request()
  local f = split(lines[next_line])
  next_line = next_line % #lines + 1
  -- As Chromium asks: pages come back compressed, as they do for real users.
  local headers = { ["Cookie"] = f[3], ["Accept-Encoding"] = "gzip, deflate, br, zstd" }
  if f[1] == "POST" then
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    headers["Accept"] = "application/json"
    headers["Origin"] = origin
  end
  return wrk.format(f[1], f[2], headers, f[4] ~= "" and f[4] or nil)
end
