-- Where mpac-pgw sends a merchant's outbound webhooks (Standard Webhooks v1). The whsec_ signing secret is
-- encrypted under the master key, not hashed: mpac-pgw signs every delivery with it, so the portal pushes the secret
-- itself in the merchant's configuration (see V34). Event names are checked by the API to hold no commas or quotes;
-- at most 20 endpoints per merchant, the most one configuration push carries (checked under the merchant's lock).
CREATE TABLE merchant_webhook_endpoint (
    endpoint_id text        PRIMARY KEY,
    merchant_id text        NOT NULL REFERENCES merchant,
    url         text        NOT NULL CHECK (url ~ '^https?://\S+$' AND length(url) <= 2048),
    description text,
    events      text[]      NOT NULL CHECK (cardinality(events) BETWEEN 1 AND 50),
    status      text        NOT NULL CHECK (status IN ('ACTIVE', 'DISABLED')),
    secret      text        NOT NULL,
    created_by  text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX merchant_webhook_endpoint_merchant_idx ON merchant_webhook_endpoint (merchant_id, endpoint_id);
