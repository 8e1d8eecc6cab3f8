-- What the registry keeps beyond the tree itself: a merchant's contact phone, enabled providers and provider
-- identifiers, a store's address and timezone, a terminal's name, serial and provider-side ids.

-- The MobilePay bioCode is a credential at MobilePay, so it is stored encrypted under the master key (SecretCipher,
-- context 'merchant:<id>:mobilepay_bio_code'). The other identifiers are public codes; each names one merchant at its
-- provider, hence unique. config_version counts the merchant's configuration pushes (see V34).
ALTER TABLE merchant
    ADD COLUMN contact_phone         text,
    ADD COLUMN enabled_providers     text[] NOT NULL DEFAULT '{}',
    ADD COLUMN mia_idno              text,
    ADD COLUMN mobilepay_bio_code    text,
    ADD COLUMN vnpay_tmn_code        text,
    ADD COLUMN magensa_customer_code text,
    ADD COLUMN paypay_merchant_id    text,
    ADD COLUMN linepay_merchant_id   text,
    ADD COLUMN config_version        bigint NOT NULL DEFAULT 0,
    ADD CONSTRAINT merchant_enabled_providers_check CHECK (enabled_providers <@
        ARRAY['PAYPAY', 'LINEPAY', 'MIA_POS', 'MOBILEPAY', 'VNPAY', 'MAGENSA']::text[]);

CREATE UNIQUE INDEX merchant_mia_idno_idx ON merchant (mia_idno) WHERE mia_idno IS NOT NULL;
CREATE UNIQUE INDEX merchant_vnpay_tmn_code_idx ON merchant (vnpay_tmn_code) WHERE vnpay_tmn_code IS NOT NULL;
-- Magensa's Basic auth names the customer code case-insensitively.
CREATE UNIQUE INDEX merchant_magensa_customer_code_idx ON merchant (lower(magensa_customer_code))
    WHERE magensa_customer_code IS NOT NULL;
CREATE UNIQUE INDEX merchant_paypay_merchant_id_idx ON merchant (paypay_merchant_id)
    WHERE paypay_merchant_id IS NOT NULL;
CREATE UNIQUE INDEX merchant_linepay_merchant_id_idx ON merchant (linepay_merchant_id)
    WHERE linepay_merchant_id IS NOT NULL;

ALTER TABLE store
    ADD COLUMN address_line1 text,
    ADD COLUMN address_line2 text,
    ADD COLUMN city          text,
    ADD COLUMN postal_code   text,
    ADD COLUMN country       text CHECK (country ~ '^[A-Z]{2}$'),
    ADD COLUMN timezone      text;

-- IF NOT EXISTS: device provisioning (V20-V29) may record a device's serial in the same column.
ALTER TABLE terminal
    ADD COLUMN IF NOT EXISTS name          text,
    ADD COLUMN IF NOT EXISTS serial_number text;

-- One device is one terminal at a time: a serial may be reused only once the old terminal is disabled.
CREATE UNIQUE INDEX terminal_serial_number_idx ON terminal (serial_number)
    WHERE serial_number IS NOT NULL AND status <> 'DISABLED';

-- The terminal's id at a provider (e.g. the MIA POS terminal id); one provider id names one terminal.
CREATE TABLE terminal_provider_id (
    terminal_id text NOT NULL REFERENCES terminal ON DELETE CASCADE,
    provider    text NOT NULL CHECK (provider IN ('PAYPAY', 'LINEPAY', 'MIA_POS', 'MOBILEPAY', 'VNPAY', 'MAGENSA')),
    external_id text NOT NULL,
    PRIMARY KEY (terminal_id, provider)
);

CREATE UNIQUE INDEX terminal_provider_id_external_idx ON terminal_provider_id (provider, external_id);

-- Registry lists page by id.
CREATE INDEX store_merchant_id_idx ON store (merchant_id, store_id);
CREATE INDEX terminal_store_id_idx ON terminal (store_id, terminal_id);
CREATE INDEX merchant_psp_id_idx ON merchant (psp_id, merchant_id);
