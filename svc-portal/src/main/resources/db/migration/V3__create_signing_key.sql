-- Token signing keys, one set per token kind. The private part is encrypted under the master key. A retired key
-- stays published until every token it signed has expired.
CREATE TABLE signing_key (
    kid           text        PRIMARY KEY,
    kind          text        NOT NULL CHECK (kind IN ('HUMAN', 'DEVICE')),
    public_jwk    text        NOT NULL,
    private_jwk   text        NOT NULL,
    status        text        NOT NULL CHECK (status IN ('ACTIVE', 'RETIRED')),
    created_at    timestamptz NOT NULL DEFAULT now(),
    retired_at    timestamptz,
    publish_until timestamptz,
    CHECK (status = 'ACTIVE' OR (retired_at IS NOT NULL AND publish_until IS NOT NULL))
);

CREATE UNIQUE INDEX signing_key_one_active_idx ON signing_key (kind) WHERE status = 'ACTIVE';
