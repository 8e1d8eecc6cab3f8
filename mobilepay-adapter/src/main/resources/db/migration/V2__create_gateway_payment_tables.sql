-- Payments mpac-pgw makes through the internal provider interface are ordinary direct payments (their orderId is the
-- gateway's reference). gateway_reference marks them and makes creating idempotent; gateway_capture says whether
-- the adapter captures in full as soon as the shopper approves (automatic) or waits for the gateway's capture.
ALTER TABLE payment ADD COLUMN gateway_reference text;
ALTER TABLE payment ADD COLUMN gateway_capture text CHECK (gateway_capture IN ('automatic', 'manual'));
CREATE UNIQUE INDEX payment_gateway_reference ON payment (merchant_id, gateway_reference)
    WHERE gateway_reference IS NOT NULL;

-- A refund the gateway asks for carries its reference, unique per merchant, so a retried refund finds the first one.
ALTER TABLE refund ADD COLUMN gateway_reference text;
CREATE UNIQUE INDEX refund_gateway_reference ON refund (merchant_id, gateway_reference)
    WHERE gateway_reference IS NOT NULL;

-- The outbox of Standard Webhooks events to mpac-pgw: written in the transaction that changed the payment, delivered
-- at least once by GatewayEventDispatcher (rows claimed with FOR UPDATE SKIP LOCKED, retried with backoff).
CREATE TABLE gateway_event (
    id              text        PRIMARY KEY,
    merchant_id     text        NOT NULL REFERENCES merchant ON DELETE CASCADE,
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
