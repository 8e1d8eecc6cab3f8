-- Outbound webhooks: events are written in the transaction that changes the intent (a transactional outbox), with
-- one delivery per subscribed endpoint; dispatchers claim due deliveries with FOR UPDATE SKIP LOCKED.
CREATE TABLE webhook_event (
    id          text        PRIMARY KEY,
    merchant_id text        NOT NULL,
    type        text        NOT NULL,
    payload     text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE INDEX webhook_event_merchant_idx ON webhook_event (merchant_id, created_at DESC, id DESC);

-- endpoint_id is a merchant's endpoint (replaced wholesale by each configuration push, hence no foreign key) or
-- 'platform:<name>' for a platform subscriber from configuration.
CREATE TABLE webhook_delivery (
    id                   bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id             text        NOT NULL REFERENCES webhook_event,
    endpoint_id          text        NOT NULL,
    status               text        NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed', 'abandoned')),
    attempts             integer     NOT NULL DEFAULT 0,
    next_attempt_at      timestamptz,
    claimed_until        timestamptz,
    last_response_status integer,
    last_error           text,
    delivered_at         timestamptz,
    created_at           timestamptz NOT NULL DEFAULT clock_timestamp(),
    UNIQUE (event_id, endpoint_id)
);

CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (next_attempt_at) WHERE status = 'pending';

CREATE TABLE webhook_delivery_attempt (
    delivery_id     bigint      NOT NULL REFERENCES webhook_delivery,
    attempted_at    timestamptz NOT NULL,
    response_status integer,
    error           text,
    duration_ms     integer     NOT NULL
);

CREATE INDEX webhook_delivery_attempt_idx ON webhook_delivery_attempt (delivery_id, attempted_at);

-- An endpoint that answered 410 Gone. Kept apart from webhook_endpoint, which each configuration push replaces,
-- so a push does not silently revive it.
CREATE TABLE disabled_webhook_endpoint (
    endpoint_id text        PRIMARY KEY,
    reason      text        NOT NULL,
    disabled_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
