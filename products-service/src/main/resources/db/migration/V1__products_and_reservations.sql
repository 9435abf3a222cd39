-- Portable between SQLite and PostgreSQL. Times are Unix epoch milliseconds; money is integer cents.
CREATE TABLE products (
    id          VARCHAR(36)  PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    price_cents BIGINT       NOT NULL CHECK (price_cents >= 0),
    stock       INTEGER      NOT NULL CHECK (stock >= 0),
    created_at  BIGINT       NOT NULL,
    updated_at  BIGINT       NOT NULL
);

-- One row per order ever seen: the outcome of its reservation, so a redelivered request answers the same and
-- takes no stock, and a release gives stock back once.
-- status: RESERVED (stock taken), REJECTED (nothing taken), RELEASED (taken, then given back),
--         VOIDED (the order was cancelled or expired before any reservation arrived: refuse a late one)
CREATE TABLE reservations (
    order_id        VARCHAR(36)  PRIMARY KEY,
    idempotency_key VARCHAR(100),
    status          VARCHAR(20)  NOT NULL,
    reason          VARCHAR(50),
    items           TEXT         NOT NULL,
    created_at      BIGINT       NOT NULL,
    updated_at      BIGINT       NOT NULL
);
