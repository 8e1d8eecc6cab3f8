-- The hosted page's one-time form nonce: a repeat of the same submission (a double click, a resent form) finds the
-- payment it already made instead of charging again. Forms posted without one (curl) are not deduplicated.
ALTER TABLE payment_transaction ADD COLUMN form_nonce text;

CREATE UNIQUE INDEX payment_transaction_form_nonce ON payment_transaction (payment_request_id, form_nonce);
