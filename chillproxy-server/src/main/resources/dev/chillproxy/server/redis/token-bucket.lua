-- A token bucket kept as its theoretical arrival time in microseconds (GCRA), as KeyedTokenBuckets does locally.
-- ARGV[1]: microseconds per token; ARGV[2]: burst in microseconds (tokens times interval).
-- Returns 0 when a token was taken, else microseconds until one is free. Time is Redis's own (TIME).
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then
    tat = now
end
local nextTat = tat + tonumber(ARGV[1])
local wait = nextTat - now - tonumber(ARGV[2])
if wait > 0 then
    return wait
end
redis.call('SET', KEYS[1], string.format('%d', nextTat), 'PX', string.format('%d', math.floor((nextTat - now) / 1000) + 1))
return 0
