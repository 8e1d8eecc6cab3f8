-- Machine users of the Magensa-compatible Payment Request API (Basic auth 'CustomerCode/Username:Password'). The
-- customer code is the merchant's Magensa customer code; the password is kept only as a slow hash, which is what
-- the configuration push carries to payment-request.
CREATE TABLE merchant_api_user (
    api_user_id   text        PRIMARY KEY,
    merchant_id   text        NOT NULL REFERENCES merchant,
    provider      text        NOT NULL DEFAULT 'MAGENSA' CHECK (provider IN ('MAGENSA')),
    username      text        NOT NULL,
    password_hash text        NOT NULL,
    status        text        NOT NULL CHECK (status IN ('ACTIVE', 'DISABLED')),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX merchant_api_user_username_idx ON merchant_api_user (merchant_id, lower(username));
CREATE INDEX merchant_api_user_merchant_idx ON merchant_api_user (merchant_id, api_user_id);
