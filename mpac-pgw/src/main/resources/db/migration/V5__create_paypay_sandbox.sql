-- The PayPay sandbox's own books (it plays PayPay for the local run and the tests), keyed as PayPay keys them.
CREATE TABLE paypay_sandbox_payment (
    merchant_payment_id text        PRIMARY KEY,
    assume_merchant     text        NOT NULL,
    code_id             text        NOT NULL UNIQUE,
    payment_id          text        UNIQUE,
    amount              bigint      NOT NULL,
    currency            text        NOT NULL,
    is_authorization    boolean     NOT NULL,
    status              text        NOT NULL CHECK (status IN ('CREATED', 'AUTHORIZED', 'COMPLETED', 'CANCELED',
                                        'EXPIRED', 'FAILED', 'DELETED')),
    captured_amount     bigint      NOT NULL DEFAULT 0,
    refunded_amount     bigint      NOT NULL DEFAULT 0 CHECK (refunded_amount <= captured_amount),
    expiry_date         timestamptz NOT NULL,
    accepted_at         timestamptz
);

CREATE TABLE paypay_sandbox_refund (
    merchant_refund_id text        PRIMARY KEY,
    payment_id         text        NOT NULL,
    amount             bigint      NOT NULL,
    status             text        NOT NULL,
    accepted_at        timestamptz NOT NULL DEFAULT clock_timestamp()
);
