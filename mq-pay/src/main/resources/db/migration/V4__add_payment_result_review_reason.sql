-- Money a provider reported that mq-pay did not apply (a late or mismatched payment, or one for an attempt or
-- transaction the merchant deleted) is flagged for an operator: review_reason says why; NULL needs no review.
ALTER TABLE payment_result ADD COLUMN review_reason text
    CHECK (review_reason IN ('LATE_PAYMENT', 'AMOUNT_MISMATCH', 'PAID_AFTER_DELETE'));

UPDATE payment_result SET review_reason = CASE outcome WHEN 'LATE' THEN 'LATE_PAYMENT' ELSE 'AMOUNT_MISMATCH' END
WHERE kind = 'PROVIDER_IPN' AND outcome IN ('LATE', 'AMOUNT_MISMATCH');

CREATE INDEX payment_result_review_idx ON payment_result (merchant_id, created_at) WHERE review_reason IS NOT NULL;
