-- Payments mpac-pgw makes through the internal provider interface are ordinary transactions (source_type 'mpac-pgw',
-- source_id the gateway's reference). A refund the gateway asks for carries its own reference, unique per merchant,
-- so a retried refund finds the first one.
ALTER TABLE payment_attempt ADD COLUMN external_reference text;
CREATE UNIQUE INDEX payment_attempt_external_reference_idx ON payment_attempt (merchant_id, external_reference)
    WHERE external_reference IS NOT NULL;

-- The outbox of Standard Webhooks events to mpac-pgw: written in the transaction that changed the payment, delivered
-- at least once by GatewayEventDispatcher (rows claimed with FOR UPDATE SKIP LOCKED, retried with backoff).
CREATE TABLE gateway_event (
    id              text        PRIMARY KEY,
    merchant_id     text        NOT NULL REFERENCES merchant,
    type            text        NOT NULL,
    payload         text        NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    delivered_at    timestamptz,
    last_status     integer,
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX gateway_event_due_idx ON gateway_event (next_attempt_at) WHERE delivered_at IS NULL;
