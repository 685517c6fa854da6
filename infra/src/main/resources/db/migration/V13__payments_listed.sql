-- The kassier's payment list: every payment with what the latest bank statement that showed it said (settled, or a
-- discrepancy and by how much), whether that discrepancy is still open, and the order it was recorded in; each
-- reservation with its open discrepancies and whether a partner requested it (a partner lists only the payments of
-- its own organisation's requests). Written by the budget read model from the budget's own events, so that a payment
-- and its reservation change in one segment, in order. The read models are emptied and rebuilt from the events on the
-- first start; only derived tables are touched.
TRUNCATE amendment_view, budget_usage, reservation_view, reservation_history, payment_view,
         reconciliation_report, payment_settlement, budget_status;
DELETE FROM token_entry WHERE processor_name = 'read-models';

ALTER TABLE payment_view
    ADD COLUMN registered_position          BIGINT       NOT NULL,
    ADD COLUMN settlement_status            VARCHAR(16),
    ADD COLUMN settlement_reconciliation_id VARCHAR(255),
    ADD COLUMN settlement_entry             VARCHAR(80),
    ADD COLUMN settlement_difference_cents  BIGINT,
    ADD COLUMN discrepancy_open             BOOLEAN      NOT NULL DEFAULT false;

ALTER TABLE reservation_view
    ADD COLUMN requested_by_partner   BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN open_discrepancies     INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN open_discrepancy_cents BIGINT  NOT NULL DEFAULT 0;

-- Payments are listed by legal date, then in the order they were recorded; the old index on the date alone is covered.
DROP INDEX payment_view_payment_date;
CREATE INDEX payment_view_listing ON payment_view (payment_date, registered_position, payment_id);

-- The open discrepancies of a reservation, read when its next event is applied.
CREATE INDEX payment_view_open_discrepancy ON payment_view (reservation_id) WHERE discrepancy_open;

-- Statements are listed newest first, in the order they were imported.
CREATE INDEX reconciliation_report_imported ON reconciliation_report (event_position);
