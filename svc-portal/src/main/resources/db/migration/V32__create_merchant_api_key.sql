-- S2S keys of a merchant's back end for mpac-pgw and mq-pay. The secret is encrypted under the master key, not
-- hashed: the receivers verify HMAC signatures with it, so the portal must push the secret itself (see V34).
-- At most two keys are ACTIVE per merchant (one to use, one being rotated in): each active key holds one of two
-- slots, unique per merchant; creation also locks the merchant row, so concurrent creates cannot both take a slot.
CREATE TABLE merchant_api_key (
    key_id      text        PRIMARY KEY,
    merchant_id text        NOT NULL REFERENCES merchant,
    name        text,
    secret      text        NOT NULL,
    secret_last4 text       NOT NULL,
    status      text        NOT NULL CHECK (status IN ('ACTIVE', 'REVOKED')),
    slot        smallint    CHECK (slot IN (1, 2)),
    created_by  text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_by  text,
    revoked_at  timestamptz,
    CHECK ((status = 'ACTIVE') = (slot IS NOT NULL)),
    CHECK (status = 'ACTIVE' OR revoked_at IS NOT NULL)
);

CREATE UNIQUE INDEX merchant_api_key_slot_idx ON merchant_api_key (merchant_id, slot) WHERE status = 'ACTIVE';
CREATE INDEX merchant_api_key_merchant_idx ON merchant_api_key (merchant_id, key_id);
