-- payment-request's own copy of what svc-portal pushes (POST /v1/sync/merchants): the merchant with its Magensa
-- customer code and its API users, who hold only the slow hash of their password.
CREATE TABLE merchant (
    merchant_id       text        PRIMARY KEY,
    version           bigint      NOT NULL CHECK (version > 0),
    name              text        NOT NULL,
    status            text        NOT NULL CHECK (status IN ('ACTIVE', 'SUSPENDED', 'CLOSED')),
    customer_code     text,
    magensa_enabled   boolean     NOT NULL DEFAULT false,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);

-- Customer codes are matched regardless of case, as usernames are.
CREATE UNIQUE INDEX merchant_customer_code ON merchant (lower(customer_code));

CREATE TABLE api_user (
    api_user_id   text NOT NULL PRIMARY KEY,
    merchant_id   text NOT NULL REFERENCES merchant ON DELETE CASCADE,
    username      text NOT NULL,
    password_hash text NOT NULL,
    status        text NOT NULL CHECK (status IN ('ACTIVE', 'DISABLED'))
);

CREATE UNIQUE INDEX api_user_username ON api_user (merchant_id, lower(username));

-- A payment request. Status is derived, never stored (see PaymentRequestStatus). The WebSocket token is sealed
-- under the master key (the merchant reads it back with GET) and found by its SHA-256.
CREATE TABLE payment_request (
    payment_request_id         uuid          PRIMARY KEY,
    merchant_id                text          NOT NULL REFERENCES merchant ON DELETE CASCADE,
    transaction_type           integer       NOT NULL,
    customer_tran_id           text,
    customer_tran_ref          text,
    currency                   char(3)       NOT NULL,
    amount                     numeric(14,2) NOT NULL CHECK (amount > 0),
    tax_amount                 numeric(14,2) NOT NULL CHECK (tax_amount >= 0),
    tax_percent                numeric(7,3)  NOT NULL CHECK (tax_percent >= 0 AND tax_percent <= 100),
    additional_info            jsonb         NOT NULL DEFAULT '[]',
    misc_data                  text,
    processor_name             text,
    prompt_for_tax             boolean       NOT NULL,
    prompt_for_tips            boolean       NOT NULL,
    terms_and_transaction_info text,
    usage_count_limit          integer       NOT NULL CHECK (usage_count_limit >= 0),
    current_usage_count        integer       NOT NULL DEFAULT 0 CHECK (current_usage_count >= 0),
    is_enabled                 boolean       NOT NULL,
    activation_date            timestamptz   NOT NULL,
    expiration_date            timestamptz   NOT NULL,
    websocket_token_hash       text          NOT NULL UNIQUE,
    websocket_token_sealed     text          NOT NULL,
    date_created               timestamptz   NOT NULL DEFAULT now(),
    date_updated               timestamptz   NOT NULL DEFAULT now(),
    CHECK (expiration_date > activation_date),
    -- The database itself refuses a payment beyond the limit.
    CHECK (usage_count_limit = 0 OR current_usage_count <= usage_count_limit)
);

CREATE INDEX payment_request_merchant_created ON payment_request (merchant_id, date_created);

-- What the hosted page's payments did. Never a card number or CVV: the masked PAN (first six, last four) and the
-- processor's reference only.
CREATE TABLE payment_transaction (
    transaction_id       uuid          PRIMARY KEY,
    payment_request_id   uuid          NOT NULL REFERENCES payment_request ON DELETE CASCADE,
    result               text          NOT NULL CHECK (result IN ('APPROVED', 'DECLINED')),
    method               text          NOT NULL CHECK (method IN ('CARD', 'WALLET')),
    amount               numeric(14,2) NOT NULL,
    tax_amount           numeric(14,2) NOT NULL,
    tip_amount           numeric(14,2) NOT NULL CHECK (tip_amount >= 0),
    total_amount         numeric(14,2) NOT NULL CHECK (total_amount > 0),
    masked_pan           text,
    card_brand           text,
    processor_reference  text          NOT NULL,
    decline_reason       text,
    date_created         timestamptz   NOT NULL DEFAULT now()
);

CREATE INDEX payment_transaction_request ON payment_transaction (payment_request_id, date_created);

-- Payment attempts on the hosted page, counted per request and per (hashed) client address for rate limiting.
CREATE TABLE payment_attempt (
    payment_request_id uuid        NOT NULL,
    address_hash       text        NOT NULL,
    attempted_at       timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX payment_attempt_request ON payment_attempt (payment_request_id, attempted_at);
CREATE INDEX payment_attempt_address ON payment_attempt (address_hash, attempted_at);
