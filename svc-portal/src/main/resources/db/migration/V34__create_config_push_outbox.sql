-- The transactional outbox of the configuration push. Every change to a merchant's configuration, in the same
-- transaction, increments merchant.config_version and stores the whole MerchantConfiguration of that version here.
-- The payload holds secrets (API key secrets, the MobilePay bioCode), so it is encrypted under the master key
-- (SecretCipher, context 'config_push:<merchant_id>:<version>').
CREATE TABLE config_push (
    merchant_id text        NOT NULL REFERENCES merchant,
    version     bigint      NOT NULL CHECK (version > 0),
    payload     text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (merchant_id, version)
);

-- Delivery state per merchant and receiver ('pgw', 'mia', ...): the newest version to deliver, where, and how the
-- attempts went. Only the newest version matters to a receiver (each push is the whole configuration), so a new
-- version replaces a pending older one. A claimed row's next_attempt_at is pushed ahead by a lease, so an instance
-- that dies mid-send only delays the retry.
CREATE TABLE config_delivery (
    merchant_id       text        NOT NULL,
    target            text        NOT NULL,
    url               text        NOT NULL,
    version           bigint      NOT NULL,
    status            text        NOT NULL CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
    attempts          integer     NOT NULL DEFAULT 0,
    enqueued_at       timestamptz NOT NULL DEFAULT now(),
    next_attempt_at   timestamptz NOT NULL DEFAULT now(),
    last_attempt_at   timestamptz,
    last_error        text,
    delivered_version bigint,
    delivered_at      timestamptz,
    PRIMARY KEY (merchant_id, target),
    FOREIGN KEY (merchant_id, version) REFERENCES config_push
);

CREATE INDEX config_delivery_due_idx ON config_delivery (next_attempt_at) WHERE status = 'PENDING';
