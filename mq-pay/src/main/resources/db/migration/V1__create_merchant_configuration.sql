-- mq-pay's own copy of what it needs from each merchant's configuration, pushed by svc-portal
-- (POST /v1/sync/merchants): the merchant, its API keys (secrets encrypted) and its provider accounts
-- (identifiers in clear, credentials encrypted under the master key).
CREATE TABLE merchant (
    merchant_id text        PRIMARY KEY,
    version     bigint      NOT NULL CHECK (version > 0),
    name        text        NOT NULL,
    status      text        NOT NULL CHECK (status IN ('ACTIVE', 'SUSPENDED', 'CLOSED')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE api_key (
    key_id      text PRIMARY KEY,
    merchant_id text NOT NULL REFERENCES merchant ON DELETE CASCADE,
    secrets     text NOT NULL,
    status      text NOT NULL CHECK (status IN ('ACTIVE', 'DISABLED'))
);

CREATE INDEX api_key_merchant_idx ON api_key (merchant_id);

CREATE TABLE merchant_provider (
    merchant_id text    NOT NULL REFERENCES merchant ON DELETE CASCADE,
    provider    text    NOT NULL,
    enabled     boolean NOT NULL,
    identifiers jsonb   NOT NULL,
    credentials text    NOT NULL,
    PRIMARY KEY (merchant_id, provider)
);
