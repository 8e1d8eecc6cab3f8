-- Nonces of verified S2S requests, per key, kept for the replay window (PLATFORM.md: 600 s).
CREATE TABLE s2s_nonce (
    key_id  text        NOT NULL,
    nonce   text        NOT NULL,
    seen_at timestamptz NOT NULL,
    PRIMARY KEY (key_id, nonce)
);

CREATE INDEX s2s_nonce_seen_at_idx ON s2s_nonce (seen_at);
