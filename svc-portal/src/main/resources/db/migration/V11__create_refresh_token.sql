-- Rotating refresh tokens (OAuth 2.0 Security BCP): each login starts a family; each refresh retires the token used
-- and issues the next one in the same family. Presenting a retired token again means it leaked: the whole family is
-- revoked. Only SHA-256 hashes of the (256-bit random) tokens are kept. amr is the login's authentication methods,
-- carried into every access token the family issues.
CREATE TABLE refresh_family (
    family_id      text        PRIMARY KEY,
    user_id        text        NOT NULL REFERENCES app_user ON DELETE CASCADE,
    amr            text[]      NOT NULL,
    created_at     timestamptz NOT NULL,
    expires_at     timestamptz NOT NULL,
    revoked_at     timestamptz,
    revoked_reason text,
    CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL))
);

CREATE INDEX refresh_family_user_idx ON refresh_family (user_id) WHERE revoked_at IS NULL;
CREATE INDEX refresh_family_expires_idx ON refresh_family (expires_at);

CREATE TABLE refresh_token (
    token_hash      text        PRIMARY KEY,
    family_id       text        NOT NULL REFERENCES refresh_family ON DELETE CASCADE,
    created_at      timestamptz NOT NULL,
    idle_expires_at timestamptz NOT NULL,
    rotated_at      timestamptz
);

CREATE INDEX refresh_token_family_idx ON refresh_token (family_id);
