-- Every row names its merchant and store (and terminal where one took it): the caller's token decides what it sees.
-- Money is numeric in the currency's scale; the invariants that protect it are CHECK constraints, so no code path
-- can write a bill paid twice or a payment refunded beyond what it captured.

CREATE TABLE customer (
    id          text PRIMARY KEY,
    seq         bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    merchant_id text NOT NULL,
    psp_id      text,
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    phone       text,
    email       text,
    notes       text,
    created_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX customer_name_prefix ON customer (merchant_id, lower(name) text_pattern_ops);
CREATE INDEX customer_phone_prefix ON customer (merchant_id, phone text_pattern_ops);
CREATE INDEX customer_email_prefix ON customer (merchant_id, lower(email) text_pattern_ops);

CREATE TABLE orders (
    id            text PRIMARY KEY,
    seq           bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    merchant_id   text NOT NULL,
    psp_id        text,
    store_id      text NOT NULL,
    terminal_id   text,
    customer_id   text REFERENCES customer (id),
    status        text NOT NULL CHECK (status IN ('OPEN', 'BILLED', 'PAID', 'CANCELED')),
    currency      char(3) NOT NULL,
    subtotal      numeric(19, 4) NOT NULL CHECK (subtotal >= 0),
    tax_total     numeric(19, 4) NOT NULL CHECK (tax_total >= 0),
    total         numeric(19, 4) NOT NULL CHECK (total >= 0 AND total <= 999999999999),
    notes         text,
    cancel_reason text,
    created_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
    CHECK (subtotal + tax_total = total),
    CHECK ((status = 'CANCELED') = (cancel_reason IS NOT NULL))
);
CREATE INDEX orders_scope ON orders (merchant_id, store_id, seq);
CREATE INDEX orders_customer ON orders (customer_id, seq);

CREATE TABLE order_item (
    id            text PRIMARY KEY,
    order_id      text NOT NULL REFERENCES orders (id),
    position      int NOT NULL,
    name          text NOT NULL,
    sku           text,
    quantity      int NOT NULL CHECK (quantity BETWEEN 1 AND 9999),
    unit_price    numeric(19, 4) NOT NULL CHECK (unit_price >= 0),
    modifiers     jsonb NOT NULL DEFAULT '[]',
    notes         text,
    tax_rate      numeric(7, 4) NOT NULL CHECK (tax_rate >= 0 AND tax_rate <= 100),
    tax_inclusive boolean NOT NULL,
    tax           numeric(19, 4) NOT NULL CHECK (tax >= 0),
    total         numeric(19, 4) NOT NULL CHECK (total >= 0)
);
CREATE INDEX order_item_order ON order_item (order_id, position);

CREATE TABLE bill (
    id             text PRIMARY KEY,
    seq            bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    merchant_id    text NOT NULL,
    psp_id         text,
    store_id       text NOT NULL,
    terminal_id    text,
    customer_id    text REFERENCES customer (id),
    order_ids      text[] NOT NULL,
    status         text NOT NULL CHECK (status IN ('OPEN', 'PARTIALLY_PAID', 'PAID', 'SPLIT', 'COMBINED', 'VOID')),
    origin         text NOT NULL CHECK (origin IN ('ORDER', 'SPLIT', 'COMBINE')),
    split_mode     text CHECK (split_mode IN ('ITEMS', 'EQUAL', 'AMOUNTS')),
    currency       char(3) NOT NULL,
    total          numeric(19, 4) NOT NULL CHECK (total > 0 AND total <= 999999999999),
    amount_paid    numeric(19, 4) NOT NULL DEFAULT 0 CHECK (amount_paid >= 0),
    amount_pending numeric(19, 4) NOT NULL DEFAULT 0 CHECK (amount_pending >= 0),
    tips           numeric(19, 4) NOT NULL DEFAULT 0 CHECK (tips >= 0),
    created_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    -- Overpayment is impossible: what is paid and what is being paid never exceed the bill.
    CHECK (amount_paid + amount_pending <= total),
    CHECK ((status = 'PAID') = (amount_paid = total)),
    -- Only an untouched bill is split, combined or voided.
    CHECK (status NOT IN ('SPLIT', 'COMBINED', 'VOID') OR (amount_paid = 0 AND amount_pending = 0))
);
CREATE INDEX bill_scope ON bill (merchant_id, store_id, seq);
CREATE INDEX bill_orders ON bill USING gin (order_ids);

-- The history: which bill came from which (a split part from the bill split, a combined bill from each source).
CREATE TABLE bill_source (
    bill_id        text NOT NULL REFERENCES bill (id),
    source_bill_id text NOT NULL REFERENCES bill (id),
    PRIMARY KEY (bill_id, source_bill_id),
    CHECK (bill_id <> source_bill_id)
);
CREATE INDEX bill_source_source ON bill_source (source_bill_id);

CREATE TABLE bill_item (
    bill_id       text NOT NULL REFERENCES bill (id),
    order_item_id text NOT NULL REFERENCES order_item (id),
    position      int NOT NULL,
    PRIMARY KEY (bill_id, order_item_id)
);

CREATE TABLE settlement (
    id          text PRIMARY KEY,
    seq         bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    merchant_id text NOT NULL,
    psp_id      text,
    store_id    text NOT NULL,
    terminal_id text,
    status      text NOT NULL CHECK (status IN ('OPEN', 'CLOSED')),
    opened_by   text NOT NULL,
    closed_by   text,
    opened_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
    closed_at   timestamptz,
    CHECK ((status = 'CLOSED') = (closed_at IS NOT NULL))
);
-- One open period per store (terminal_id null) and per terminal.
CREATE UNIQUE INDEX settlement_one_open ON settlement (merchant_id, store_id, coalesce(terminal_id, ''))
    WHERE status = 'OPEN';

CREATE TABLE payment (
    id                text PRIMARY KEY,
    seq               bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    merchant_id       text NOT NULL,
    psp_id            text,
    store_id          text NOT NULL,
    terminal_id       text,
    bill_id           text NOT NULL REFERENCES bill (id),
    method            text NOT NULL CHECK (method IN ('cash', 'card', 'qr')),
    provider          text NOT NULL,
    payment_method    text,
    status            text NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
    currency          char(3) NOT NULL,
    amount            numeric(19, 4) NOT NULL CHECK (amount > 0 AND amount <= 999999999999),
    tip               numeric(19, 4) NOT NULL DEFAULT 0 CHECK (tip >= 0 AND tip <= 999999999999),
    tendered          numeric(19, 4),
    change_given      numeric(19, 4),
    amount_refunded   numeric(19, 4) NOT NULL DEFAULT 0 CHECK (amount_refunded >= 0),
    refund_pending    numeric(19, 4) NOT NULL DEFAULT 0 CHECK (refund_pending >= 0),
    gateway_intent_id text UNIQUE,
    gateway_status    text,
    qr_data           text,
    qr_expires_at     timestamptz,
    failure_code      text,
    failure_message   text,
    settlement_id     text REFERENCES settlement (id),
    succeeded_at      timestamptz,
    last_checked_at   timestamptz,
    created_by        text NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at        timestamptz NOT NULL DEFAULT clock_timestamp(),
    -- Never more refunded (or being refunded) than was captured, and only what succeeded is refunded.
    CHECK (amount_refunded + refund_pending <= amount + tip),
    CHECK (status = 'SUCCEEDED' OR (amount_refunded = 0 AND refund_pending = 0)),
    CHECK ((status = 'SUCCEEDED') = (succeeded_at IS NOT NULL)),
    CHECK (method <> 'cash' OR (tendered IS NOT NULL AND change_given = tendered - amount - tip AND change_given >= 0)),
    CHECK (settlement_id IS NULL OR status = 'SUCCEEDED')
);
CREATE INDEX payment_scope ON payment (merchant_id, store_id, seq);
CREATE INDEX payment_bill ON payment (bill_id);
CREATE INDEX payment_pending ON payment (last_checked_at) WHERE status = 'PENDING' AND gateway_intent_id IS NOT NULL;
CREATE INDEX payment_unsettled ON payment (merchant_id, store_id) WHERE settlement_id IS NULL AND status = 'SUCCEEDED';

CREATE TABLE refund (
    id                text PRIMARY KEY,
    seq               bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    payment_id        text NOT NULL REFERENCES payment (id),
    merchant_id       text NOT NULL,
    store_id          text NOT NULL,
    terminal_id       text,
    currency          char(3) NOT NULL,
    amount            numeric(19, 4) NOT NULL CHECK (amount > 0),
    reason            text,
    status            text NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
    gateway_refund_id text,
    failure_message   text,
    settlement_id     text REFERENCES settlement (id),
    succeeded_at      timestamptz,
    created_by        text NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT clock_timestamp(),
    CHECK ((status = 'SUCCEEDED') = (succeeded_at IS NOT NULL)),
    CHECK (settlement_id IS NULL OR status = 'SUCCEEDED')
);
CREATE INDEX refund_payment ON refund (payment_id);
CREATE INDEX refund_unsettled ON refund (merchant_id, store_id) WHERE settlement_id IS NULL AND status = 'SUCCEEDED';

-- What a close computed and what it found at the gateway; written once, in the closing transaction.
CREATE TABLE settlement_line (
    settlement_id text NOT NULL REFERENCES settlement (id),
    currency      char(3) NOT NULL,
    method        text NOT NULL,
    provider      text NOT NULL,
    payment_count int NOT NULL CHECK (payment_count >= 0),
    refund_count  int NOT NULL CHECK (refund_count >= 0),
    gross         numeric(19, 4) NOT NULL,
    refunds       numeric(19, 4) NOT NULL,
    tips          numeric(19, 4) NOT NULL,
    net           numeric(19, 4) NOT NULL,
    PRIMARY KEY (settlement_id, currency, method, provider),
    CHECK (net = gross + tips - refunds)
);

CREATE TABLE settlement_reconciliation (
    settlement_id     text NOT NULL REFERENCES settlement (id),
    currency          char(3) NOT NULL,
    provider          text NOT NULL,
    smarttab_captured numeric(19, 4) NOT NULL,
    gateway_captured  numeric(19, 4) NOT NULL,
    smarttab_refunded numeric(19, 4) NOT NULL,
    gateway_refunded  numeric(19, 4) NOT NULL,
    PRIMARY KEY (settlement_id, currency, provider)
);

CREATE TABLE settlement_discrepancy (
    id                text PRIMARY KEY,
    settlement_id     text NOT NULL REFERENCES settlement (id),
    kind              text NOT NULL,
    currency          char(3),
    provider          text,
    smarttab_amount   numeric(19, 4),
    gateway_amount    numeric(19, 4),
    payment_id        text,
    gateway_intent_id text,
    note              text NOT NULL
);
CREATE INDEX settlement_discrepancy_settlement ON settlement_discrepancy (settlement_id);

-- A closed settlement is frozen: the database refuses to change or delete it, or what it computed.
CREATE FUNCTION refuse_change_to_closed_settlement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'settlement' THEN
        IF OLD.status = 'CLOSED' THEN
            RAISE EXCEPTION 'settlement % is closed', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    IF EXISTS (SELECT 1 FROM settlement WHERE id = OLD.settlement_id AND status = 'CLOSED') THEN
        RAISE EXCEPTION 'settlement % is closed', OLD.settlement_id USING ERRCODE = 'check_violation';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER settlement_frozen BEFORE UPDATE OR DELETE ON settlement
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_closed_settlement();
CREATE TRIGGER settlement_line_frozen BEFORE UPDATE OR DELETE ON settlement_line
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_closed_settlement();
CREATE TRIGGER settlement_reconciliation_frozen BEFORE UPDATE OR DELETE ON settlement_reconciliation
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_closed_settlement();
CREATE TRIGGER settlement_discrepancy_frozen BEFORE UPDATE OR DELETE ON settlement_discrepancy
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_closed_settlement();

-- Gateway webhooks are delivered at least once: each webhook-id is applied once.
CREATE TABLE gateway_webhook (
    webhook_id  text PRIMARY KEY,
    event_type  text NOT NULL,
    received_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
