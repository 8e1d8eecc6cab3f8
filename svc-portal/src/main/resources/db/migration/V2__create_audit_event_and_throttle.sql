-- Security events, append-only, readable by admins.
CREATE TABLE audit_event (
    event_id    bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at timestamptz NOT NULL DEFAULT now(),
    type        text        NOT NULL,
    actor_id    text,
    subject_id  text,
    psp_id      text,
    merchant_id text,
    client_ip   text,
    details     jsonb       NOT NULL DEFAULT '{}'::jsonb
);

CREATE INDEX audit_event_occurred_idx ON audit_event (occurred_at DESC, event_id DESC);

-- Failure counters for throttled actions (logins, MFA codes, activation codes, credential checks), keyed by what
-- is throttled, e.g. 'login:account:<email>' or 'login:ip:<address>'.
CREATE TABLE throttle_bucket (
    bucket_key   text        PRIMARY KEY,
    failures     integer     NOT NULL,
    window_start timestamptz NOT NULL,
    locked_until timestamptz
);
