-- Read model: the report of each imported bank statement (camt.053), one JSON document per reconciliation, as the
-- API returns it. Fed by StatementImported; rebuilt from the events like every read model.
CREATE TABLE reconciliation_report (
    reconciliation_id VARCHAR(255) PRIMARY KEY,
    statement_id      VARCHAR(64)  NOT NULL,
    account           VARCHAR(64)  NOT NULL,
    creation_date     DATE         NOT NULL,
    imported_at       TIMESTAMPTZ  NOT NULL,
    imported_by       VARCHAR(128) NOT NULL,
    event_position    BIGINT       NOT NULL,
    document          JSONB        NOT NULL
);

-- Read model: every payment an imported statement showed, matched or for another amount, and by which entry. A
-- payment without a row here has no bank entry yet: after five banking days it is unmatched on the ledger side.
CREATE TABLE payment_settlement (
    payment_id        VARCHAR(64)  NOT NULL,
    reconciliation_id VARCHAR(255) NOT NULL,
    statement_id      VARCHAR(64)  NOT NULL,
    entry_reference   VARCHAR(80)  NOT NULL,
    PRIMARY KEY (payment_id, reconciliation_id, entry_reference)
);

-- The payments old enough to be missed are found by their date.
CREATE INDEX payment_view_payment_date ON payment_view (payment_date);
