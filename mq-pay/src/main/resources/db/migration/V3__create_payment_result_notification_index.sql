-- A provider notification is recorded once. VNPAY resends an IPN (same attempt, qrTrace and response code) when it
-- is unsure it was received; a resend of a failed, late or mismatched payment must not add another result.
-- Duplicates recorded before this index existed are soft-deleted, the earliest of each kept.
UPDATE payment_result r SET deleted_at = now(), updated_at = now()
WHERE r.kind = 'PROVIDER_IPN' AND r.deleted_at IS NULL
  AND EXISTS (SELECT 1 FROM payment_result f
              WHERE f.kind = 'PROVIDER_IPN' AND f.deleted_at IS NULL
                AND f.attempt_id = r.attempt_id
                AND f.provider_reference IS NOT DISTINCT FROM r.provider_reference
                AND f.response_code IS NOT DISTINCT FROM r.response_code
                AND (f.created_at, f.id) < (r.created_at, r.id));

CREATE UNIQUE INDEX payment_result_notification_idx
    ON payment_result (attempt_id, provider_reference, response_code) NULLS NOT DISTINCT
    WHERE kind = 'PROVIDER_IPN' AND deleted_at IS NULL;
