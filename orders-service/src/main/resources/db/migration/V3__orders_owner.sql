-- Who placed each order (the gateway's authenticated caller, or the default owner of trusted AMQP traffic) and
-- whether its customer may be messaged about it. Orders from before callers were authenticated belong to 'legacy',
-- which only admins see, and carry no consent.
ALTER TABLE orders ADD COLUMN owner_id VARCHAR(200) NOT NULL DEFAULT 'legacy';
ALTER TABLE orders ADD COLUMN notify_customer BOOLEAN NOT NULL DEFAULT FALSE;
-- A caller's own listing, newest first.
CREATE INDEX orders_owner_id ON orders (owner_id, id);
