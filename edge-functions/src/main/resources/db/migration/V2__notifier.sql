-- Who the notifier writes to. SUBSCRIBER rows come from the admin API and get the event types they list;
-- CUSTOMER rows are created from an order's contact and only get events of orders that carry that contact.
CREATE TABLE recipients (
    id                 UUID          PRIMARY KEY,
    kind               VARCHAR(20)   NOT NULL,
    channel            VARCHAR(20)   NOT NULL,     -- a channel's name: TELEGRAM, SLACK, EMAIL (SMS later)
    address            VARCHAR(2000) NOT NULL,     -- chat id, incoming-webhook URL, e-mail address
    name               VARCHAR(200),
    event_types        JSONB         NOT NULL,     -- ["order.*", "product.stockReserved"]
    locale             VARCHAR(35),
    active             BOOLEAN       NOT NULL,
    deactivated_reason VARCHAR(1000),              -- set when a provider said the address is gone
    migrated_from      VARCHAR(2000),              -- the chat id before Telegram moved the group
    created_at         TIMESTAMPTZ   NOT NULL,
    updated_at         TIMESTAMPTZ   NOT NULL,
    CONSTRAINT recipients_address UNIQUE (kind, channel, address)
);
CREATE INDEX recipients_channel_address ON recipients (channel, address);
CREATE INDEX recipients_migrated_from ON recipients (channel, migrated_from) WHERE migrated_from IS NOT NULL;

-- The webhook ids the notifier acted on: a redelivery finds its row and does nothing.
CREATE TABLE notifier_inbox (
    webhook_id  VARCHAR(255) PRIMARY KEY,
    type        VARCHAR(100) NOT NULL,
    order_id    VARCHAR(100),
    received_at TIMESTAMPTZ  NOT NULL,
    deliveries  INT          NOT NULL
);

-- One message of one event to one recipient on one channel; also the durable send queue.
CREATE TABLE deliveries (
    id                  UUID          PRIMARY KEY,   -- UUIDv7
    webhook_id          VARCHAR(255)  NOT NULL,
    event_type          VARCHAR(100)  NOT NULL,
    order_id            VARCHAR(100),
    recipient_id        UUID          NOT NULL,      -- no foreign key: the history outlives a deleted recipient
    channel             VARCHAR(20)   NOT NULL,
    address             VARCHAR(2000) NOT NULL,
    locale              VARCHAR(35)   NOT NULL,      -- the template language used
    subject             VARCHAR(500)  NOT NULL,
    body                TEXT          NOT NULL,      -- rendered at receive time, Telegram HTML subset
    status              VARCHAR(20)   NOT NULL,      -- PENDING, SENDING, SENT, FAILED, SKIPPED
    attempts            INT           NOT NULL,      -- calls made to the provider
    failures            INT           NOT NULL,      -- retryable failures, bounded by NOTIFIER_MAX_ATTEMPTS
    parts_sent          INT           NOT NULL,      -- of a message split for Telegram's 4096 characters
    provider_message_id VARCHAR(1000),               -- comma-separated when split
    last_error          VARCHAR(1000),
    next_attempt_at     TIMESTAMPTZ   NOT NULL,      -- PENDING: when due; SENDING: when the claim runs out
    claim_token         UUID,
    claimed_by          VARCHAR(100),
    created_at          TIMESTAMPTZ   NOT NULL,
    updated_at          TIMESTAMPTZ   NOT NULL,
    sent_at             TIMESTAMPTZ,
    CONSTRAINT deliveries_once UNIQUE (webhook_id, recipient_id, channel)
);
CREATE INDEX deliveries_due ON deliveries (next_attempt_at, id) WHERE status IN ('PENDING', 'SENDING');
CREATE INDEX deliveries_order ON deliveries (order_id, id DESC) WHERE order_id IS NOT NULL;
CREATE INDEX deliveries_recipient ON deliveries (recipient_id, id DESC);
CREATE INDEX deliveries_status ON deliveries (status, id DESC);
CREATE INDEX deliveries_address ON deliveries (channel, address) WHERE status IN ('PENDING', 'SENDING');
