-- GET /api/v1/audit-events pages by event_id, newest first, within a PSP's or a merchant's events.
CREATE INDEX audit_event_psp_idx ON audit_event (psp_id, event_id DESC) WHERE psp_id IS NOT NULL;
CREATE INDEX audit_event_merchant_idx ON audit_event (merchant_id, event_id DESC) WHERE merchant_id IS NOT NULL;
