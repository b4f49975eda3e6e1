-- Writes a spend this instance granted on its own while Redis was unreachable, ARGV[2] microseconds ago, into every
-- window (KEYS[i], length ARGV[2 + i] microseconds) it still falls in, so every instance counts it from now on.
-- ARGV[1] is the spend's member id. No check: the spend already happened.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local at = now - tonumber(ARGV[2])
for i, key in ipairs(KEYS) do
    local left = at + tonumber(ARGV[2 + i]) - now
    if left > 0 then
        redis.call('ZADD', key, string.format('%d', at), ARGV[1])
        local ttl = math.ceil(left / 1000)
        if redis.call('PTTL', key) < ttl then
            redis.call('PEXPIRE', key, string.format('%d', ttl))
        end
    end
end
return 0
