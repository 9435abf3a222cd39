-- Webhook subscriptions, the events they are sent, one delivery per (event, subscription), and every attempt.
-- PostgreSQL only. Ids are UUIDv7 text (they sort by creation time), except event ids, which are whatever the
-- producer put in the AMQP message id (our outbox: a UUIDv7) or "sha256:<hex>" of the message.

CREATE TABLE subscriptions (
    id                          VARCHAR(36)  PRIMARY KEY,
    url                         TEXT         NOT NULL,
    event_types                 TEXT         NOT NULL,   -- JSON array of types or wildcards such as "order.*"
    description                 TEXT,
    enabled                     BOOLEAN      NOT NULL,
    disabled_reason             TEXT,
    disabled_at                 TIMESTAMPTZ,
    consecutive_failures        INTEGER      NOT NULL DEFAULT 0,   -- failed deliveries since the last success
    -- signing keys, "whsec_<base64>": needed in clear to compute HMACs; never returned after create or rotate
    secret                      TEXT         NOT NULL,
    previous_secret             TEXT,
    previous_secret_expires_at  TIMESTAMPTZ,                       -- the old key also signs until then
    created_at                  TIMESTAMPTZ  NOT NULL,
    updated_at                  TIMESTAMPTZ  NOT NULL,
    deleted_at                  TIMESTAMPTZ                        -- kept for the history of its deliveries
);

CREATE TABLE events (
    id           VARCHAR(255) PRIMARY KEY,                -- deduplicates redelivered messages
    type         VARCHAR(100) NOT NULL,
    occurred_at  TIMESTAMPTZ  NOT NULL,
    received_at  TIMESTAMPTZ  NOT NULL,
    payload      TEXT         NOT NULL                    -- the exact webhook body that is signed and sent
);

CREATE TABLE deliveries (
    id               VARCHAR(36)  PRIMARY KEY,            -- webhook-id is "msg_" + this, the same on every attempt
    event_id         VARCHAR(255) NOT NULL REFERENCES events (id),
    subscription_id  VARCHAR(36)  NOT NULL REFERENCES subscriptions (id),
    event_type       VARCHAR(100) NOT NULL,
    status           VARCHAR(20)  NOT NULL,               -- PENDING, SUCCEEDED, FAILED
    attempts         INTEGER      NOT NULL DEFAULT 0,     -- all attempts, replays included
    round_attempts   INTEGER      NOT NULL DEFAULT 0,     -- attempts since creation or the last replay
    replays          INTEGER      NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ,                         -- the schedule: due from this time on (PENDING only)
    lease_token      VARCHAR(36),                         -- who is attempting it now, until lease_until
    lease_until      TIMESTAMPTZ,
    last_status      INTEGER,
    last_error       TEXT,
    created_at       TIMESTAMPTZ  NOT NULL,
    updated_at       TIMESTAMPTZ  NOT NULL,
    completed_at     TIMESTAMPTZ,
    CONSTRAINT deliveries_one_per_event_and_subscription UNIQUE (event_id, subscription_id)
);
CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX deliveries_by_subscription ON deliveries (subscription_id, id);
CREATE INDEX deliveries_by_status ON deliveries (status, id);

CREATE TABLE delivery_attempts (
    delivery_id        VARCHAR(36)  NOT NULL REFERENCES deliveries (id),
    number             INTEGER      NOT NULL,             -- 1, 2, 3... over the delivery's whole life
    outcome            VARCHAR(20)  NOT NULL,             -- IN_FLIGHT, SUCCEEDED, FAILED, ABANDONED
    attempted_at       TIMESTAMPTZ  NOT NULL,
    webhook_timestamp  BIGINT       NOT NULL,             -- the webhook-timestamp header sent
    url                TEXT         NOT NULL,
    http_status        INTEGER,
    duration_ms        BIGINT,
    response_body      TEXT,                              -- the first bytes only
    error              TEXT,
    PRIMARY KEY (delivery_id, number)
);
