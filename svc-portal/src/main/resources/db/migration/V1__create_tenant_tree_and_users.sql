-- The tenant tree (PSP -> merchant -> store -> terminal) and the people who work in it.
-- Feature migrations add their own tables and columns: auth/MFA V10-V19, signing/device/provisioning V20-V29,
-- registry/users/API keys/outbox V30-V39.
CREATE TABLE psp (
    psp_id     text        PRIMARY KEY,
    name       text        NOT NULL,
    status     text        NOT NULL CHECK (status IN ('ACTIVE', 'DISABLED')),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE merchant (
    merchant_id text        PRIMARY KEY,
    psp_id      text        NOT NULL REFERENCES psp,
    name        text        NOT NULL,
    status      text        NOT NULL CHECK (status IN ('ACTIVE', 'SUSPENDED', 'CLOSED')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX merchant_psp_idx ON merchant (psp_id);

CREATE TABLE store (
    store_id    text        PRIMARY KEY,
    merchant_id text        NOT NULL REFERENCES merchant,
    name        text        NOT NULL,
    status      text        NOT NULL CHECK (status IN ('ACTIVE', 'DISABLED')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX store_merchant_idx ON store (merchant_id);

CREATE TABLE terminal (
    terminal_id text        PRIMARY KEY,
    store_id    text        NOT NULL REFERENCES store,
    merchant_id text        NOT NULL REFERENCES merchant,
    status      text        NOT NULL CHECK (status IN ('PENDING', 'ACTIVE', 'DISABLED')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX terminal_store_idx ON terminal (store_id);
CREATE INDEX terminal_merchant_idx ON terminal (merchant_id);

-- A user works at one level of the tree: the platform (no scope), a PSP, a merchant or a store. The scope columns
-- hold the user's node and its ancestors; all of a user's roles belong to that one level.
CREATE TABLE app_user (
    user_id       text        PRIMARY KEY,
    email         text        NOT NULL,
    password_hash text        NOT NULL,
    status        text        NOT NULL CHECK (status IN ('ACTIVE', 'DISABLED')),
    psp_id        text        REFERENCES psp,
    merchant_id   text        REFERENCES merchant,
    store_id      text        REFERENCES store,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CHECK (store_id IS NULL OR merchant_id IS NOT NULL),
    CHECK (merchant_id IS NULL OR psp_id IS NOT NULL)
);

CREATE UNIQUE INDEX app_user_email_idx ON app_user (lower(email));

CREATE TABLE role_assignment (
    user_id text NOT NULL REFERENCES app_user ON DELETE CASCADE,
    role    text NOT NULL CHECK (role IN ('PLATFORM_ADMIN', 'PSP_ADMIN', 'MERCHANT_ADMIN', 'STORE_MANAGER', 'CASHIER')),
    PRIMARY KEY (user_id, role)
);
