-- The merchant category code from the merchant's MIA_POS account (identifier "mcc"); NULL: mpac.mia.mcc applies.
ALTER TABLE merchant ADD COLUMN mcc text CHECK (mcc ~ '^[0-9]{4}$');
