-- Outcome and denial reason travel with the event (see the pool's V2); waiting rows keep ''.
ALTER TABLE usage_outbox ADD COLUMN outcome TEXT NOT NULL DEFAULT '';
ALTER TABLE usage_outbox ADD COLUMN reason TEXT NOT NULL DEFAULT '';
