-- The logger function's table: one row per webhook id, whatever the number of deliveries of it.
CREATE TABLE event_log (
    id          UUID         PRIMARY KEY,           -- UUIDv7: sorts by receive time; the paging cursor
    webhook_id  VARCHAR(255) NOT NULL,
    type        VARCHAR(100) NOT NULL,
    event_time  TIMESTAMPTZ  NOT NULL,              -- the payload's timestamp
    received_at TIMESTAMPTZ  NOT NULL,
    order_id    VARCHAR(100),                       -- data.id of order.*, data.orderId otherwise
    payload     JSONB        NOT NULL,              -- the whole body: {type, timestamp, data}
    CONSTRAINT event_log_webhook_id UNIQUE (webhook_id)
);
CREATE INDEX event_log_type ON event_log (type, id DESC);
CREATE INDEX event_log_order ON event_log (order_id, id DESC) WHERE order_id IS NOT NULL;
CREATE INDEX event_log_event_time ON event_log (event_time);
