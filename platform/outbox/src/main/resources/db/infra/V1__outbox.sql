-- Transactional outbox: events written in the same transaction as the state change that causes them.
-- Portable between SQLite and PostgreSQL. Times are Unix epoch milliseconds.
CREATE TABLE outbox (
    id           VARCHAR(36)  PRIMARY KEY,   -- UUIDv7: also the AMQP message id, so consumers can deduplicate
    exchange     VARCHAR(255) NOT NULL,
    routing_key  VARCHAR(255) NOT NULL,
    body         TEXT         NOT NULL,      -- the NestJS envelope, UTF-8 JSON
    created_at   BIGINT       NOT NULL,
    available_at BIGINT       NOT NULL,      -- a relay may claim the row from this time on (lease or backoff)
    attempts     INTEGER      NOT NULL,
    claimed_by   VARCHAR(100),
    last_error   TEXT
);
CREATE INDEX outbox_available_at ON outbox (available_at, id);
