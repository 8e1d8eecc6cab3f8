-- A payment is recorded PENDING, with its use reserved, before the processor is called, and settled APPROVED or
-- DECLINED after it answers: a charge whose settling fails stays recorded. A PENDING one has no reference yet.
ALTER TABLE payment_transaction DROP CONSTRAINT payment_transaction_result_check;
ALTER TABLE payment_transaction ADD CONSTRAINT payment_transaction_result_check
    CHECK (result IN ('PENDING', 'APPROVED', 'DECLINED'));
ALTER TABLE payment_transaction ALTER COLUMN processor_reference DROP NOT NULL;
ALTER TABLE payment_transaction ADD CONSTRAINT payment_transaction_settled_reference
    CHECK (result = 'PENDING' OR processor_reference IS NOT NULL);
