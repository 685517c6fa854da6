-- Write side: the idempotency key a payment was registered with, as a digest scoped to the user who sent it, unique
-- across the ledger like the payment id itself. A key reused for a payment on another reservation is refused with
-- IDEMPOTENCY_MISMATCH instead of booking a second payment. Claimed in the payment's own transaction. Payments
-- registered before this column existed keep their key only in their event (and in their reservation's budget,
-- which recognises a retry there as before).
ALTER TABLE payment_id_claim ADD COLUMN idempotency_key CHAR(64);
CREATE UNIQUE INDEX payment_id_claim_idempotency_key ON payment_id_claim (idempotency_key);
