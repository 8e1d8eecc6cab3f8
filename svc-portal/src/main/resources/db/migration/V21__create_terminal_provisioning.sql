-- Terminal provisioning: short single-use activation codes an admin hands to a terminal, and the device facts a
-- terminal reported when it bound itself. The terminal's OAuth client lives in oauth2_registered_client (id = the
-- terminal id).
CREATE TABLE activation_code (
    code_id     text        PRIMARY KEY,
    terminal_id text        NOT NULL REFERENCES terminal,
    -- HMAC-SHA256 of the normalised code under a key derived from the master key: the code itself is never stored.
    code_hash   text        NOT NULL,
    status      text        NOT NULL CHECK (status IN ('PENDING', 'USED', 'REVOKED')),
    created_by  text        NOT NULL,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    revoked_at  timestamptz,
    CHECK (status <> 'USED' OR used_at IS NOT NULL),
    CHECK (status <> 'REVOKED' OR revoked_at IS NOT NULL)
);

-- A terminal has at most one code it can be activated with; a pending hash is unique so a code finds one row.
CREATE UNIQUE INDEX activation_code_one_pending_idx ON activation_code (terminal_id) WHERE status = 'PENDING';
CREATE UNIQUE INDEX activation_code_pending_hash_idx ON activation_code (code_hash) WHERE status = 'PENDING';
CREATE INDEX activation_code_terminal_idx ON activation_code (terminal_id, created_at DESC);

CREATE TABLE terminal_device (
    terminal_id            text        PRIMARY KEY REFERENCES terminal,
    serial_number          text        NOT NULL,
    model                  text        NOT NULL,
    app_version            text        NOT NULL,
    -- The OAuth client id currently bound; null once the terminal was deactivated (its client is deleted).
    client_id              text,
    activated_at           timestamptz NOT NULL,
    credentials_rotated_at timestamptz,
    updated_at             timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX terminal_device_serial_idx ON terminal_device (serial_number);
