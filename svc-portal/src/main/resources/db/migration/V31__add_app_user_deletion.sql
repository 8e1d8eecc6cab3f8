-- DELETE /api/v1/users/{id} keeps the row (audit events and history point at it) but ends the account: status
-- DISABLED, roles removed, deleted_at set, and the email released (replaced by '<user_id>@deleted.invalid', a
-- reserved domain) so the address can be invited again. Lists leave deleted users out.
ALTER TABLE app_user ADD COLUMN deleted_at timestamptz;

CREATE INDEX app_user_psp_idx ON app_user (psp_id, user_id);
CREATE INDEX app_user_merchant_idx ON app_user (merchant_id, user_id);
CREATE INDEX app_user_store_idx ON app_user (store_id, user_id);
