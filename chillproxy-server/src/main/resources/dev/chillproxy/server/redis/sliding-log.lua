-- Exact sliding-window logs, one sorted set per window (KEYS[i]) scored by spend time in microseconds.
-- ARGV[1]: a member id unique to this call; then for window i: ARGV[2i] permits, ARGV[2i+1] length in microseconds.
-- Spends one permit of every window, or none: returns 0 when spent, else microseconds until all have one.
-- Time is Redis's own (TIME), so the instances' clocks do not matter.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local wait = 0
for i, key in ipairs(KEYS) do
    local permits = tonumber(ARGV[2 * i])
    local length = tonumber(ARGV[2 * i + 1])
    -- a spend leaves the window exactly one length after it was made
    redis.call('ZREMRANGEBYSCORE', key, '-inf', string.format('%d', now - length))
    if redis.call('ZCARD', key) >= permits then
        -- the permits-th newest spend: once it leaves, one more fits
        local edge = redis.call('ZRANGE', key, -permits, -permits, 'WITHSCORES')
        local w = tonumber(edge[2]) + length - now
        if w > wait then
            wait = w
        end
    end
end
if wait > 0 then
    return wait
end
local score = string.format('%d', now)
for i, key in ipairs(KEYS) do
    local length = tonumber(ARGV[2 * i + 1])
    redis.call('ZADD', key, score, ARGV[1])
    redis.call('PEXPIRE', key, string.format('%d', math.ceil(length / 1000)))
end
return 0
