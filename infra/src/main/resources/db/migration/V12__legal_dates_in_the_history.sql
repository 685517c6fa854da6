-- Every step of a reservation's history shows its legal date beside the instant it was recorded, and its own
-- particulars: what it freed again, its reason, reference, payment id and invoice. The read models are emptied and
-- rebuilt from the events on the first start (steps recorded before legal dates read with the day of their recording);
-- only derived tables are touched.
TRUNCATE amendment_view, budget_usage, reservation_view, reservation_history, payment_view,
         reconciliation_report, payment_settlement;
DELETE FROM token_entry WHERE processor_name = 'read-models';

ALTER TABLE reservation_history
    ADD COLUMN step_date      DATE,
    ADD COLUMN released_cents BIGINT,
    ADD COLUMN reason         VARCHAR(500),
    ADD COLUMN reference      VARCHAR(128),
    ADD COLUMN payment_id     VARCHAR(64),
    ADD COLUMN invoice_ref    VARCHAR(128);

-- Read model: where each budget year stands (OPEN when it has no row): closed by the kassier, settled by SZW.
CREATE TABLE budget_status (
    region     VARCHAR(64) NOT NULL,
    year       INTEGER     NOT NULL,
    status     VARCHAR(16) NOT NULL,
    closed_on  DATE,
    settled_on DATE,
    PRIMARY KEY (region, year)
);
