-- A user's TOTP factor (RFC 6238, HMAC-SHA1, 30 s, 6 digits). The secret is encrypted under the master key with the
-- user id bound as associated data. PENDING from enrolment until a first code confirms it. last_used_step is the
-- newest time step a code was accepted for: a code is accepted only for a later step, so each is usable once.
CREATE TABLE user_mfa (
    user_id        text        PRIMARY KEY REFERENCES app_user ON DELETE CASCADE,
    secret         text        NOT NULL,
    status         text        NOT NULL CHECK (status IN ('PENDING', 'ACTIVE')),
    last_used_step bigint,
    created_at     timestamptz NOT NULL DEFAULT now(),
    activated_at   timestamptz,
    CHECK (status = 'PENDING' OR activated_at IS NOT NULL)
);

-- One-time recovery codes: SHA-256 of the user id and the normalised code (80 random bits, so a plain hash is
-- enough). Regenerating replaces the whole set.
CREATE TABLE mfa_recovery_code (
    user_id    text        NOT NULL REFERENCES app_user ON DELETE CASCADE,
    code_hash  text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    used_at    timestamptz,
    PRIMARY KEY (user_id, code_hash)
);

-- The second step of a login: the password was right and a code is awaited. Only the token's SHA-256 is kept; a
-- challenge is single-use, short-lived and burnt after a few wrong codes.
CREATE TABLE mfa_challenge (
    token_hash      text        PRIMARY KEY,
    user_id         text        NOT NULL REFERENCES app_user ON DELETE CASCADE,
    created_at      timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    failed_attempts integer     NOT NULL DEFAULT 0,
    used_at         timestamptz
);

CREATE INDEX mfa_challenge_user_idx ON mfa_challenge (user_id);
CREATE INDEX mfa_challenge_expires_idx ON mfa_challenge (expires_at);
