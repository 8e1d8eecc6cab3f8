-- PaymentIntents, the provider interactions behind them (transactions) and refunds.
-- Amounts are minor units of the intent's currency. The money invariants live here, so no code path can break them:
-- nothing is received beyond the amount, refunded beyond what was received, or held beyond the amount.
CREATE TABLE payment_intent (
    id                  text        PRIMARY KEY,
    merchant_id         text        NOT NULL REFERENCES merchant,
    store_id            text,
    terminal_id         text,
    amount              bigint      NOT NULL CHECK (amount > 0),
    currency            text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    capture_method      text        NOT NULL CHECK (capture_method IN ('automatic', 'manual')),
    status              text        NOT NULL CHECK (status IN ('requires_payment_method', 'requires_confirmation',
                                        'requires_action', 'processing', 'requires_capture', 'succeeded', 'canceled')),
    amount_capturable   bigint      NOT NULL DEFAULT 0 CHECK (amount_capturable BETWEEN 0 AND amount),
    amount_received     bigint      NOT NULL DEFAULT 0 CHECK (amount_received BETWEEN 0 AND amount),
    amount_refunded     bigint      NOT NULL DEFAULT 0 CHECK (amount_refunded BETWEEN 0 AND amount_received),
    provider            text,
    payment_method      text,
    merchant_reference  text,
    description         text,
    metadata            jsonb       NOT NULL DEFAULT '{}',
    client_secret       text        NOT NULL,
    last_payment_error  jsonb,
    next_action         jsonb,
    cancellation_reason text,
    capture_before      timestamptz,
    canceled_at         timestamptz,
    created_at          timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at          timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE INDEX payment_intent_list_idx ON payment_intent (merchant_id, created_at DESC, id DESC);
CREATE INDEX payment_intent_store_idx ON payment_intent (merchant_id, store_id, created_at DESC);
CREATE INDEX payment_intent_capture_expiry_idx ON payment_intent (capture_before) WHERE status = 'requires_capture';

CREATE TABLE refund (
    id                text        PRIMARY KEY,
    payment_intent_id text        NOT NULL REFERENCES payment_intent,
    merchant_id       text        NOT NULL,
    amount            bigint      NOT NULL CHECK (amount > 0),
    currency          text        NOT NULL,
    status            text        NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
    reason            text,
    failure_reason    text,
    created_at        timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at        timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE INDEX refund_intent_idx ON refund (payment_intent_id, created_at);

-- Every interaction with a provider. A pending one has an unknown outcome: reconciliation re-queries the provider
-- when next_check_at is due, claiming the row for claimed_until so two gateway instances never query it twice.
CREATE TABLE provider_transaction (
    id                 text        PRIMARY KEY,
    payment_intent_id  text        NOT NULL REFERENCES payment_intent,
    merchant_id        text        NOT NULL,
    kind               text        NOT NULL CHECK (kind IN ('authorization', 'capture', 'refund', 'cancel')),
    status             text        NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
    provider           text        NOT NULL,
    payment_method     text,
    provider_reference text,
    amount             bigint      NOT NULL CHECK (amount >= 0),
    currency           text        NOT NULL,
    refund_id          text        REFERENCES refund,
    error_code         text,
    error_message      text,
    checks             integer     NOT NULL DEFAULT 0,
    next_check_at      timestamptz,
    claimed_until      timestamptz,
    created_at         timestamptz NOT NULL DEFAULT clock_timestamp(),
    completed_at       timestamptz
);

CREATE INDEX provider_transaction_intent_idx ON provider_transaction (payment_intent_id, created_at);
CREATE INDEX provider_transaction_due_idx ON provider_transaction (next_check_at) WHERE status = 'pending';

-- Provider webhooks that verified, kept raw; the primary key dedupes redeliveries.
CREATE TABLE provider_event (
    provider    text        NOT NULL,
    event_id    text        NOT NULL,
    payload     text        NOT NULL,
    outcome     text        NOT NULL,
    received_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (provider, event_id)
);
