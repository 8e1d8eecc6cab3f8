-- mia-pos-gateway's own copy of what it needs from svc-portal's configuration push (POST /v1/sync/merchants):
-- merchants with their MIA_POS account (idno; credentials encrypted), stores and terminals with their MIA terminal id.
-- Stores and terminals are never deleted (activations, shifts and transactions refer to them): a push that drops
-- one marks it REMOVED.
CREATE TABLE merchant (
    merchant_id  text        PRIMARY KEY,
    merchant_no  bigserial   NOT NULL UNIQUE,
    version      bigint      NOT NULL CHECK (version > 0),
    name         text        NOT NULL,
    status       text        NOT NULL,
    mia_enabled  boolean     NOT NULL DEFAULT false,
    idno         text,
    phone        text,
    credentials  text,
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX merchant_idno_idx ON merchant (idno) WHERE idno IS NOT NULL;

CREATE TABLE store (
    store_id    text PRIMARY KEY,
    merchant_id text NOT NULL REFERENCES merchant,
    name        text NOT NULL,
    status      text NOT NULL
);

CREATE TABLE terminal (
    terminal_id     text   PRIMARY KEY,
    pos_id          bigserial NOT NULL UNIQUE,
    merchant_id     text   NOT NULL REFERENCES merchant,
    store_id        text   NOT NULL REFERENCES store,
    status          text   NOT NULL,
    mia_terminal_id text
);
CREATE UNIQUE INDEX terminal_mia_id_idx ON terminal (mia_terminal_id) WHERE mia_terminal_id IS NOT NULL;

-- QR settings of a terminal (GET/POST /pos/api/v1/settings); a terminal without a row has the defaults.
CREATE TABLE qr_settings (
    terminal_id              text        PRIMARY KEY REFERENCES terminal,
    qr_type                  text        NOT NULL,
    qr_amount_type           text        NOT NULL,
    qr_ttl                   integer     NOT NULL CHECK (qr_ttl >= 30),
    prohibit_settings_change boolean     NOT NULL,
    when_updated             timestamptz NOT NULL
);

-- Binding a terminal to a device: an OTP goes by SMS, limited confirm attempts and resends.
CREATE TABLE activation (
    activation_id    uuid        PRIMARY KEY,
    terminal_id      text        NOT NULL REFERENCES terminal,
    status           text        NOT NULL CHECK (status IN ('PENDING', 'ACTIVE', 'LOCKED', 'REVOKED')),
    otp_hash         text        NOT NULL,
    left_attempts    integer     NOT NULL,
    left_resends     integer     NOT NULL,
    last_sent_at     timestamptz NOT NULL,
    phone            text        NOT NULL,
    device           text        NOT NULL,
    platform_type    text        NOT NULL,
    installation_id  uuid        NOT NULL,
    pos_app_version  integer     NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    activated_at     timestamptz
);
CREATE INDEX activation_terminal_idx ON activation (terminal_id);

-- The sandbox's SMS gateway: every OTP the service "sends" lands here (GET /pos/sandbox/sms).
CREATE TABLE sms_outbox (
    sms_id        bigserial   PRIMARY KEY,
    activation_id uuid        NOT NULL REFERENCES activation,
    phone         text        NOT NULL,
    text          text        NOT NULL,
    sent_at       timestamptz NOT NULL DEFAULT now()
);

-- Sellers known from logins (svc-portal store users); the numeric id is sellerInfo.id.
CREATE TABLE seller (
    seller_id bigserial PRIMARY KEY,
    user_id   text      NOT NULL UNIQUE,
    email     text      NOT NULL
);

-- Seller sessions: opaque tokens, stored as SHA-256 only; refresh rotates both.
CREATE TABLE seller_session (
    session_id         uuid        PRIMARY KEY,
    activation_id      uuid        NOT NULL REFERENCES activation,
    seller_id          bigint      NOT NULL REFERENCES seller,
    access_hash        text        NOT NULL UNIQUE,
    access_expires_at  timestamptz NOT NULL,
    refresh_hash       text        NOT NULL UNIQUE,
    refresh_expires_at timestamptz NOT NULL,
    status             text        NOT NULL CHECK (status IN ('ACTIVE', 'LOGGED_OUT')),
    created_at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE shift (
    shift_id    uuid        PRIMARY KEY,
    terminal_id text        NOT NULL REFERENCES terminal,
    seller_id   bigint      NOT NULL REFERENCES seller,
    status      text        NOT NULL CHECK (status IN ('OPEN', 'CLOSED')),
    opened_at   timestamptz NOT NULL DEFAULT now(),
    closed_at   timestamptz
);
-- One open shift per terminal, whatever races.
CREATE UNIQUE INDEX shift_one_open_idx ON shift (terminal_id) WHERE status = 'OPEN';

CREATE TABLE qr_code (
    qr_id       uuid        PRIMARY KEY,
    terminal_id text        NOT NULL REFERENCES terminal,
    shift_id    uuid        NOT NULL REFERENCES shift,
    qr_type     text        NOT NULL CHECK (qr_type IN ('dynamic', 'static', 'hybrid')),
    amount_type text        NOT NULL CHECK (amount_type IN ('fixed', 'free', 'controlled')),
    reference   text        NOT NULL UNIQUE,
    qr_text     text        NOT NULL,
    status      text        NOT NULL CHECK (status IN ('active', 'paid', 'cancelled', 'expired')),
    api_version integer     NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX qr_code_terminal_idx ON qr_code (terminal_id, status);

CREATE TABLE qr_extension (
    extension_id uuid          PRIMARY KEY,
    qr_id        uuid          NOT NULL REFERENCES qr_code,
    status       text          NOT NULL CHECK (status IN ('active', 'paid', 'cancelled', 'expired')),
    amount       numeric(12,2),
    min_amount   numeric(12,2),
    max_amount   numeric(12,2),
    expires_at   timestamptz,
    created_at   timestamptz   NOT NULL DEFAULT now()
);
-- At most one active extension (payment request) per QR code.
CREATE UNIQUE INDEX qr_extension_one_active_idx ON qr_extension (qr_id) WHERE status = 'active';

CREATE TABLE transaction (
    tx_id              bigserial     PRIMARY KEY,
    terminal_id        text          NOT NULL REFERENCES terminal,
    shift_id           uuid          NOT NULL REFERENCES shift,
    type               text          NOT NULL CHECK (type IN ('paid', 'returned')),
    amount             numeric(12,2) NOT NULL CHECK (amount > 0),
    ccy                text          NOT NULL,
    qr_id              uuid          REFERENCES qr_code,
    extension_id       uuid          REFERENCES qr_extension,
    original_tx_id     bigint        REFERENCES transaction,
    rrn                text,
    approval_code      text,
    mcc                text,
    swift_message_type text,
    swift_message_id   text          UNIQUE,
    swift_payer_bank   text,
    reason_code        text,
    reason_message     text,
    created_at         timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX transaction_shift_idx ON transaction (shift_id, tx_id DESC);
CREATE INDEX transaction_original_idx ON transaction (original_tx_id);
