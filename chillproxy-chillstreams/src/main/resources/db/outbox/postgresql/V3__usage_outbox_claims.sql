-- An instance claims a batch until claimed_until (epoch ms) before delivering it, so instances sharing the table
-- never send one event twice; a claim left by a crashed instance expires. NULL: not claimed.
ALTER TABLE usage_outbox ADD COLUMN claimed_until BIGINT;
