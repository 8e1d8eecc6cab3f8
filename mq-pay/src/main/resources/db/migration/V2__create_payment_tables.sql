-- Transactions (one per merchant and source), their attempts (payments, cancels, refunds), the results
-- providers and cashiers report, and line items. Amounts are VND: whole đồng, at most 12 digits (VNPAY's limit).
-- Rows are soft-deleted (deleted_at); every query of the API filters on merchant_id and deleted_at IS NULL.
CREATE SEQUENCE transaction_number_seq;
CREATE SEQUENCE attempt_code_seq;

CREATE TABLE payment_transaction (
    id          uuid          PRIMARY KEY,
    merchant_id text          NOT NULL REFERENCES merchant,
    number      text          NOT NULL UNIQUE,
    source_type text          NOT NULL,
    source_id   text          NOT NULL,
    source_uid  text,
    currency    text          NOT NULL CHECK (currency = 'VND'),
    status      text          NOT NULL CHECK (status IN ('100_NEW', '300_PARTIAL', '304_SETTLED', '505_CANCELLED',
                                                         '403_BLOCKED', '404_CLOSED')),
    total       numeric(12,0) NOT NULL CHECK (total > 0),
    paid        numeric(12,0) NOT NULL DEFAULT 0 CHECK (paid >= 0 AND paid <= total),
    refunded    numeric(12,0) NOT NULL DEFAULT 0 CHECK (refunded >= 0 AND refunded <= paid),
    note        text,
    created_at  timestamptz   NOT NULL DEFAULT now(),
    updated_at  timestamptz   NOT NULL DEFAULT now(),
    deleted_at  timestamptz
);

-- One live transaction per merchant and source: a second checkout for the source adds an attempt to it.
CREATE UNIQUE INDEX payment_transaction_source_idx ON payment_transaction (merchant_id, source_type, source_id)
    WHERE deleted_at IS NULL;
CREATE INDEX payment_transaction_merchant_idx ON payment_transaction (merchant_id, created_at);

CREATE TABLE payment_attempt (
    id                 uuid          PRIMARY KEY,
    merchant_id        text          NOT NULL REFERENCES merchant,
    transaction_id     uuid          NOT NULL REFERENCES payment_transaction,
    code               text          NOT NULL UNIQUE,
    type               text          NOT NULL CHECK (type IN ('100_PAYMENT', '200_CANCEL_PAYMENT', '300_REFUND_PAYMENT')),
    parent_id          uuid          REFERENCES payment_attempt,
    provider           text          NOT NULL,
    method             text          NOT NULL,
    status             text          NOT NULL CHECK (status IN ('100_NEW', '204_SENT', '302_SUCCESS', '500_FAIL',
                                                                '501_EXPIRED', '505_CANCELLED')),
    amount             numeric(12,0) NOT NULL CHECK (amount > 0),
    tendered           numeric(12,0) CHECK (tendered > 0),
    paid               numeric(12,0) NOT NULL DEFAULT 0 CHECK (paid >= 0 AND paid <= amount),
    change             numeric(12,0) CHECK (change >= 0),
    currency           text          NOT NULL CHECK (currency = 'VND'),
    expires_at         timestamptz,
    qr_code            text,
    provider_reference text,
    note               text,
    created_at         timestamptz   NOT NULL DEFAULT now(),
    updated_at         timestamptz   NOT NULL DEFAULT now(),
    deleted_at         timestamptz,
    CHECK ((type = '100_PAYMENT') = (parent_id IS NULL))
);

CREATE INDEX payment_attempt_transaction_idx ON payment_attempt (transaction_id);
CREATE INDEX payment_attempt_parent_idx ON payment_attempt (parent_id);
CREATE INDEX payment_attempt_merchant_idx ON payment_attempt (merchant_id, created_at);
-- The expiry job's work list.
CREATE INDEX payment_attempt_sent_idx ON payment_attempt (expires_at) WHERE status = '204_SENT';

CREATE TABLE payment_result (
    id                      uuid          PRIMARY KEY,
    merchant_id             text          NOT NULL REFERENCES merchant,
    transaction_id          uuid          NOT NULL REFERENCES payment_transaction,
    attempt_id              uuid          REFERENCES payment_attempt,
    provider                text          NOT NULL,
    kind                    text          NOT NULL,
    outcome                 text          NOT NULL,
    response_code           text,
    message                 text,
    amount                  numeric(12,0) CHECK (amount >= 0),
    provider_reference      text,
    provider_transaction_id text,
    paid_at                 timestamptz,
    payload                 jsonb,
    created_at              timestamptz   NOT NULL DEFAULT now(),
    updated_at              timestamptz   NOT NULL DEFAULT now(),
    deleted_at              timestamptz
);

CREATE INDEX payment_result_attempt_idx ON payment_result (attempt_id);
CREATE INDEX payment_result_merchant_idx ON payment_result (merchant_id, created_at);

CREATE TABLE transaction_item (
    id             uuid          PRIMARY KEY,
    merchant_id    text          NOT NULL REFERENCES merchant,
    transaction_id uuid          NOT NULL REFERENCES payment_transaction,
    name           text          NOT NULL,
    sku            text,
    quantity       integer       NOT NULL CHECK (quantity > 0),
    unit_price     numeric(12,0) NOT NULL CHECK (unit_price >= 0),
    amount         numeric(19,0) NOT NULL CHECK (amount >= 0),
    note           text,
    created_at     timestamptz   NOT NULL DEFAULT now(),
    updated_at     timestamptz   NOT NULL DEFAULT now(),
    deleted_at     timestamptz
);

CREATE INDEX transaction_item_transaction_idx ON transaction_item (transaction_id);
CREATE INDEX transaction_item_merchant_idx ON transaction_item (merchant_id, created_at);

-- The sandbox's stand-in for VNPAY's own ledger: what "VNPAY" believes happened to each QR it was paid with.
CREATE TABLE sandbox_vnpay_payment (
    txn_id        text        PRIMARY KEY,
    qr_trace      text        NOT NULL UNIQUE,
    merchant_code text        NOT NULL,
    amount        numeric(12,0) NOT NULL,
    response_code text        NOT NULL,
    pay_date      text        NOT NULL,
    ipn           text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
