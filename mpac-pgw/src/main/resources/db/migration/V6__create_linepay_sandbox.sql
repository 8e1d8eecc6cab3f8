-- The LINE Pay sandbox's own books, keyed by LINE Pay's 19-digit transactionId.
CREATE TABLE linepay_sandbox_payment (
    transaction_id  bigint      PRIMARY KEY,
    order_id        text        NOT NULL UNIQUE,
    channel_id      text        NOT NULL,
    amount          numeric     NOT NULL,
    currency        text        NOT NULL,
    capture         boolean     NOT NULL,
    confirm_url     text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('RESERVED', 'APPROVED', 'AUTHORIZATION', 'CAPTURE',
                                    'VOIDED_AUTHORIZATION', 'CANCELED')),
    refunded_amount numeric     NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT clock_timestamp()
);
