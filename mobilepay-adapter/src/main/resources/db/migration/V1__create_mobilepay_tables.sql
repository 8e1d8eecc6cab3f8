-- mobilepay-adapter's own copy of what svc-portal pushes (POST /v1/sync/merchants): the merchant with its MobilePay
-- bioCode, its stores and terminals. The long-lived POS access token is kept only as a SHA-256 hash (it is 200
-- random bits, so a fast hash is enough).
CREATE TABLE merchant (
    merchant_id             text        PRIMARY KEY,
    version                 bigint      NOT NULL CHECK (version > 0),
    name                    text        NOT NULL,
    status                  text        NOT NULL CHECK (status IN ('ACTIVE', 'SUSPENDED', 'CLOSED')),
    bio_code                text        UNIQUE,
    mobilepay_enabled       boolean     NOT NULL DEFAULT false,
    access_token_hash       text,
    access_token_created_at timestamptz,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE store (
    merchant_id text NOT NULL REFERENCES merchant ON DELETE CASCADE,
    store_id    text NOT NULL,
    name        text NOT NULL,
    status      text NOT NULL,
    timezone    text,
    PRIMARY KEY (merchant_id, store_id)
);

CREATE TABLE terminal (
    merchant_id          text NOT NULL REFERENCES merchant ON DELETE CASCADE,
    terminal_id          text NOT NULL,
    store_id             text NOT NULL,
    serial_number        text,
    status               text NOT NULL,
    provider_terminal_id text,
    PRIMARY KEY (merchant_id, terminal_id)
);

-- The document's PoS: one live PoS per terminal, created and deleted by the POS system. Deleted PoS rows stay so
-- that their payments keep their history.
CREATE TABLE pos (
    pos_id      text        PRIMARY KEY,
    merchant_id text        NOT NULL REFERENCES merchant ON DELETE CASCADE,
    terminal_id text        NOT NULL,
    store_id    text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    deleted_at  timestamptz
);

CREATE UNIQUE INDEX pos_one_live_per_terminal ON pos (merchant_id, terminal_id) WHERE deleted_at IS NULL;

-- Who is checked in at a PoS (the sandbox shopper, who scanned the PoS QR code).
CREATE TABLE check_in (
    pos_id        text        PRIMARY KEY REFERENCES pos ON DELETE CASCADE,
    customer_id   text        NOT NULL,
    customer_name text        NOT NULL,
    checked_in_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE payment (
    payment_id      text          PRIMARY KEY,
    merchant_id     text          NOT NULL REFERENCES merchant ON DELETE CASCADE,
    pos_id          text          NOT NULL REFERENCES pos,
    terminal_id     text          NOT NULL,
    store_id        text          NOT NULL,
    order_id        text          NOT NULL,
    flow            text          NOT NULL CHECK (flow IN ('DIRECT', 'PREPARED')),
    state           text          NOT NULL,
    amount          numeric(18,4) CHECK (amount > 0),
    currency_code   char(3),
    captured_amount numeric(18,4),
    customer_id     text,
    expires_at      timestamptz   NOT NULL,
    created_at      timestamptz   NOT NULL DEFAULT now(),
    updated_at      timestamptz   NOT NULL DEFAULT now(),
    reserved_at     timestamptz,
    captured_at     timestamptz,
    cancelled_at    timestamptz,
    CHECK (captured_amount IS NULL OR captured_amount <= amount)
);

-- "A payment will only be initiated if there is no any active payment on the Pos", enforced by the database.
CREATE UNIQUE INDEX payment_one_active_per_pos ON payment (pos_id)
    WHERE state IN ('Prepared', 'Initiated', 'Paired', 'IssuedToUser', 'Reserved');
CREATE INDEX payment_unanswered_expiry ON payment (expires_at)
    WHERE state IN ('Prepared', 'Initiated', 'Paired', 'IssuedToUser');
CREATE INDEX payment_merchant_order ON payment (merchant_id, order_id);

CREATE TABLE refund (
    refund_id       text          PRIMARY KEY,
    payment_id      text          NOT NULL REFERENCES payment,
    merchant_id     text          NOT NULL REFERENCES merchant ON DELETE CASCADE,
    refund_order_id text          NOT NULL,
    amount          numeric(18,4) NOT NULL CHECK (amount > 0),
    currency_code   char(3)       NOT NULL,
    state           text          NOT NULL CHECK (state IN ('Initiated', 'Captured', 'Cancelled')),
    created_at      timestamptz   NOT NULL DEFAULT now(),
    captured_at     timestamptz,
    cancelled_at    timestamptz
);

CREATE INDEX refund_payment ON refund (payment_id);
