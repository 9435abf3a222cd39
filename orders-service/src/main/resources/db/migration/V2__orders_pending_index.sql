-- The expiry sweep looks for old PENDING orders.
CREATE INDEX orders_status_created ON orders (status, created_at);
