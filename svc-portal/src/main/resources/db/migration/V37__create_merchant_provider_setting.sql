-- A merchant's account settings at one provider beyond the registry's own identifier columns (merchant.paypay_
-- merchant_id, ...): extra identifiers (a LINE Pay channel id, a base URL) and the secret credentials the payment
-- services' connectors call the provider with. The credentials are one JSON object encrypted under the master key
-- (SecretCipher, context 'merchant_provider_setting:<merchant_id>:<provider>'); the push carries them decrypted.
CREATE TABLE merchant_provider_setting (
    merchant_id text        NOT NULL REFERENCES merchant,
    provider    text        NOT NULL
        CHECK (provider IN ('PAYPAY', 'LINEPAY', 'MIA_POS', 'MOBILEPAY', 'VNPAY', 'MAGENSA')),
    identifiers jsonb       NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(identifiers) = 'object'),
    credentials text        NOT NULL,
    updated_by  text,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (merchant_id, provider)
);
