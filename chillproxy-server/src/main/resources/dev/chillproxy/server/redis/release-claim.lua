-- Ends an add claim only if it is still the caller's (KEYS[1] holds ARGV[1]): stores the magnet id ARGV[2] for
-- ARGV[3] ms, or deletes the claim when ARGV[2] is empty (the add failed: the next caller may try).
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
    return 0
end
if ARGV[2] == '' then
    return redis.call('DEL', KEYS[1])
end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1
