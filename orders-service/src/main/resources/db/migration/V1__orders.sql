-- Portable between SQLite and PostgreSQL. Times are Unix epoch milliseconds.
CREATE TABLE orders (
    id              VARCHAR(36)  PRIMARY KEY,          -- UUIDv7: sorts by creation time
    idempotency_key VARCHAR(36)  NOT NULL UNIQUE,      -- generated here; guards the reservation round trip
    request_key     VARCHAR(300) UNIQUE,               -- "key:<Idempotency-Key>" or "msg:<request id>"
    request_hash    VARCHAR(64),                       -- SHA-256 of the request's lines and customer
    status          VARCHAR(20)  NOT NULL,
    reason          VARCHAR(50),
    items           TEXT         NOT NULL,             -- JSON array of {productId, quantity}
    customer        TEXT,                              -- JSON object, optional
    created_at      BIGINT       NOT NULL,
    updated_at      BIGINT       NOT NULL
);
CREATE INDEX orders_status_id ON orders (status, id);
