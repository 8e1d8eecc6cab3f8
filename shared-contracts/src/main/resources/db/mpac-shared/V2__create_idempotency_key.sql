-- Idempotency-Key records, scoped to the authenticated caller; kept at least 24 h (PLATFORM.md). Stored responses
-- are sealed under the master key: they can hold secrets shown once (client secrets, API keys).
CREATE TABLE idempotency_key (
    caller                text        NOT NULL,
    idempotency_key       text        NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 255),
    request_hash          text        NOT NULL,
    state                 text        NOT NULL CHECK (state IN ('IN_FLIGHT', 'COMPLETED')),
    locked_until          timestamptz,
    response_status       integer,
    response_content_type text,
    response_body_sealed  text,
    created_at            timestamptz NOT NULL DEFAULT now(),
    completed_at          timestamptz,
    PRIMARY KEY (caller, idempotency_key),
    CHECK (state = 'IN_FLIGHT' AND locked_until IS NOT NULL
        OR state = 'COMPLETED' AND response_status IS NOT NULL)
);

CREATE INDEX idempotency_key_created_at_idx ON idempotency_key (created_at);
