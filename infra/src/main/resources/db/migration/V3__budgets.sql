-- Write side: a payment id (the bank's EndToEndId) is unique across the ledger. Claimed in the same transaction
-- as the payment's event, so the claim exists exactly when the payment does. Not a read model: never rebuilt.
CREATE TABLE payment_id_claim (
    payment_id     VARCHAR(64)  PRIMARY KEY,
    reservation_id VARCHAR(128) NOT NULL,
    claimed_at     TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Read model: what each budget type of a region's budget for a year has drawn, in cents. The budget view adds them
-- up per cap line in force, so a merged or split cap needs no migration of these figures.
CREATE TABLE budget_usage (
    region          VARCHAR(64) NOT NULL,
    year            INTEGER     NOT NULL,
    budget_type     VARCHAR(40) NOT NULL,
    requested_cents BIGINT      NOT NULL DEFAULT 0,
    reserved_cents  BIGINT      NOT NULL DEFAULT 0,
    committed_cents BIGINT      NOT NULL DEFAULT 0,
    paid_cents      BIGINT      NOT NULL DEFAULT 0,
    PRIMARY KEY (region, year, budget_type)
);

-- Read model: each reservation as it stands.
CREATE TABLE reservation_view (
    reservation_id   VARCHAR(128) PRIMARY KEY,
    region           VARCHAR(64)  NOT NULL,
    year             INTEGER      NOT NULL,
    budget_type      VARCHAR(40)  NOT NULL,
    menu_item        VARCHAR(60)  NOT NULL,
    status           VARCHAR(20)  NOT NULL,
    amount_cents     BIGINT       NOT NULL,
    commitment_cents BIGINT       NOT NULL DEFAULT 0,
    paid_cents       BIGINT       NOT NULL DEFAULT 0,
    candidate_ref    VARCHAR(64),
    organisation     VARCHAR(128),
    requested_by     VARCHAR(128) NOT NULL,
    melding_date     DATE         NOT NULL,
    created_at       TIMESTAMPTZ  NOT NULL,
    created_position BIGINT       NOT NULL
);

CREATE INDEX reservation_view_list ON reservation_view (region, year, status, created_position);

-- Finds a reservation by the UUID an idempotency key was turned into, whatever budget it went to.
CREATE INDEX reservation_view_uuid ON reservation_view (right(reservation_id, 36));

-- Read model: the history of each reservation, one row per event.
CREATE TABLE reservation_history (
    reservation_id VARCHAR(128) NOT NULL,
    event_position BIGINT       NOT NULL,
    type           VARCHAR(40)  NOT NULL,
    at             TIMESTAMPTZ  NOT NULL,
    actor          VARCHAR(128) NOT NULL,
    amount_cents   BIGINT,
    detail         VARCHAR(200),
    PRIMARY KEY (reservation_id, event_position)
);

-- Read model: every registered payment, for the kassier's reconciliation.
CREATE TABLE payment_view (
    payment_id     VARCHAR(64)  PRIMARY KEY,
    reservation_id VARCHAR(128) NOT NULL,
    region         VARCHAR(64)  NOT NULL,
    year           INTEGER      NOT NULL,
    amount_cents   BIGINT       NOT NULL,
    payment_date   DATE,
    invoice_ref    VARCHAR(128),
    registered_at  TIMESTAMPTZ  NOT NULL,
    registered_by  VARCHAR(128) NOT NULL
);
