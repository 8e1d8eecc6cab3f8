-- Recovery of gateway calls that got no answer. A refund's poll is claimed with a lease (next_attempt_at, pushed
-- back on each claim with a growing backoff), so two replicas never chase the same refund at once.
ALTER TABLE refund ADD COLUMN attempts int NOT NULL DEFAULT 0;
ALTER TABLE refund ADD COLUMN next_attempt_at timestamptz;
CREATE INDEX refund_pending ON refund (next_attempt_at) WHERE status = 'PENDING';

-- A gateway outcome SmartTab refused to apply (amount, currency or merchant differ; money taken on a payment
-- already FAILED): kept on the payment for a person to review, never applied silently.
ALTER TABLE payment ADD COLUMN review_code text;
ALTER TABLE payment ADD COLUMN review_note text;
CREATE INDEX payment_review ON payment (merchant_id) WHERE review_code IS NOT NULL;

-- Pending payments whose intent was never recorded are found by the poll too.
CREATE INDEX payment_pending_unsent ON payment (created_at) WHERE status = 'PENDING' AND gateway_intent_id IS NULL;
