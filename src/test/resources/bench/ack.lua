-- Sends each pre-signed request of the file once, split between wrk's threads, then stops.
local counter = 0
local threads = {}

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  requests = {}
  local total_threads = tonumber(args[2])
  local n = 0
  for line in io.lines(args[1]) do
    n = n + 1
    if (n - 1) % total_threads == id - 1 then
      local ts, sig, body = line:match("^([^\t]*)\t([^\t]*)\t(.*)$")
      table.insert(requests, wrk.format("POST", "/slack/events", {
        ["Content-Type"] = "application/x-www-form-urlencoded",
        ["X-Slack-Request-Timestamp"] = ts,
        ["X-Slack-Signature"] = sig }, body))
    end
  end
  sent = 0
  received = 0
end

function request()
  sent = sent + 1
  return requests[math.min(sent, #requests)]
end

function response(status, headers, body)
  received = received + 1
  if status ~= 200 then
    print("unexpected status " .. status)
  end
  if received >= #requests then
    wrk.thread:stop()
  end
end
