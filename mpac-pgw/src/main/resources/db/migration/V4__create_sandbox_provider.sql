-- The SANDBOX provider's own books: what a real provider would hold on its side. The gateway never reads these
-- tables except through the sandbox connector, exactly as it would query a real provider.
CREATE TABLE sandbox_payment (
    reference       text        PRIMARY KEY,
    payment_method  text        NOT NULL,
    amount          bigint      NOT NULL CHECK (amount > 0),
    currency        text        NOT NULL,
    manual_capture  boolean     NOT NULL,
    status          text        NOT NULL CHECK (status IN ('awaiting_shopper', 'authorized', 'captured', 'canceled',
                                    'declined', 'expired')),
    captured_amount bigint      NOT NULL DEFAULT 0,
    refunded_amount bigint      NOT NULL DEFAULT 0 CHECK (refunded_amount <= captured_amount),
    expires_at      timestamptz NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE TABLE sandbox_refund (
    reference         text        PRIMARY KEY,
    payment_reference text        NOT NULL REFERENCES sandbox_payment,
    amount            bigint      NOT NULL CHECK (amount > 0),
    created_at        timestamptz NOT NULL DEFAULT clock_timestamp()
);
