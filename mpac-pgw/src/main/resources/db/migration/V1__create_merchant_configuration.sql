-- The gateway's own copy of each merchant's configuration, pushed by svc-portal (POST /v1/sync/merchants).
-- Secrets (API key secrets, webhook secrets, provider credentials) are stored encrypted under the master key.
CREATE TABLE merchant (
    merchant_id text        PRIMARY KEY,
    version     bigint      NOT NULL CHECK (version > 0),
    psp_id      text        NOT NULL,
    name        text        NOT NULL,
    status      text        NOT NULL CHECK (status IN ('ACTIVE', 'SUSPENDED', 'CLOSED')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE merchant_provider (
    merchant_id text    NOT NULL REFERENCES merchant ON DELETE CASCADE,
    provider    text    NOT NULL,
    enabled     boolean NOT NULL,
    identifiers jsonb   NOT NULL,
    credentials text    NOT NULL,
    PRIMARY KEY (merchant_id, provider)
);

CREATE TABLE store (
    store_id    text PRIMARY KEY,
    merchant_id text NOT NULL REFERENCES merchant ON DELETE CASCADE,
    name        text NOT NULL,
    status      text NOT NULL CHECK (status IN ('ACTIVE', 'DISABLED')),
    timezone    text
);

CREATE INDEX store_merchant_idx ON store (merchant_id);

CREATE TABLE terminal (
    terminal_id   text PRIMARY KEY,
    store_id      text NOT NULL REFERENCES store ON DELETE CASCADE,
    merchant_id   text NOT NULL REFERENCES merchant ON DELETE CASCADE,
    serial_number text,
    status        text NOT NULL CHECK (status IN ('ACTIVE', 'DISABLED'))
);

CREATE INDEX terminal_merchant_idx ON terminal (merchant_id);

CREATE TABLE api_key (
    key_id      text PRIMARY KEY,
    merchant_id text NOT NULL REFERENCES merchant ON DELETE CASCADE,
    secrets     text NOT NULL,
    status      text NOT NULL CHECK (status IN ('ACTIVE', 'DISABLED'))
);

CREATE INDEX api_key_merchant_idx ON api_key (merchant_id);

CREATE TABLE webhook_endpoint (
    endpoint_id text   PRIMARY KEY,
    merchant_id text   NOT NULL REFERENCES merchant ON DELETE CASCADE,
    url         text   NOT NULL,
    secret      text   NOT NULL,
    events      text[] NOT NULL,
    status      text   NOT NULL CHECK (status IN ('ACTIVE', 'DISABLED'))
);

CREATE INDEX webhook_endpoint_merchant_idx ON webhook_endpoint (merchant_id);
