-- Candidates' personal data can be forgotten: events hold it only sealed (AES-GCM) under a key per candidate kept
-- here, outside the event store. Erasure destroys the key (key and destroyed_at set together), never an event.
-- A key without a candidate seals one reservation that names none (uitvoeringskosten with a description).
CREATE TABLE personal_data_key (
    key_id       UUID        PRIMARY KEY,
    candidate    VARCHAR(32),
    key          BYTEA,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    destroyed_at TIMESTAMPTZ,
    CHECK ((key IS NULL) = (destroyed_at IS NOT NULL))
);

-- At most one live key per candidate; the keys of a candidate are found for erasure.
CREATE UNIQUE INDEX personal_data_key_live ON personal_data_key (candidate) WHERE destroyed_at IS NULL;
CREATE INDEX personal_data_key_candidate ON personal_data_key (candidate);

-- The ledger's own secret, made once: the key of the digests that name candidates (CandidateId) and of the stored
-- fingerprints of requests. It never changes: the same pseudonym must always give the same candidate.
CREATE TABLE ledger_secret (
    name       VARCHAR(40) PRIMARY KEY,
    secret     BYTEA       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Snapshots of budgets held candidates' pseudonyms in the clear; they are a cache and are made again from the events.
DELETE FROM snapshot_event_entry;

-- The reservation read model holds the candidate's id, target group and sealed data, never the pseudonym in the
-- clear: a response opens the data with the key, and finds nothing once the key is destroyed. Only an event recorded
-- before sealing leaves a pseudonym in candidate_ref, which erasure clears. The read models are emptied and rebuilt
-- from the events on the first start; only derived tables are touched.
TRUNCATE amendment_view, budget_usage, reservation_view, reservation_history, payment_view,
         reconciliation_report, payment_settlement, budget_status, budget_view_position;
DELETE FROM token_entry WHERE processor_name = 'read-models';

ALTER TABLE reservation_view
    ADD COLUMN candidate        VARCHAR(32),
    ADD COLUMN target_group     VARCHAR(40),
    ADD COLUMN personal_key     UUID,
    ADD COLUMN personal_sealed  TEXT,
    ADD COLUMN candidate_erased BOOLEAN NOT NULL DEFAULT false;

CREATE INDEX reservation_view_candidate ON reservation_view (candidate);
