-- The claim walks each subscription's due deliveries in order and stops after a few: with this index it reads
-- only those rows, whatever the size of the backlog (the window over every pending row it replaced did not).
CREATE INDEX deliveries_due_by_subscription ON deliveries (subscription_id, next_attempt_at, id)
    WHERE status = 'PENDING';
