-- Checkpoints of a budget's replay, so that an answer as of an instant or on a legal date folds the events after the
-- latest checkpoint instead of the whole history. Derived from the events alone, like the read models, and never a
-- part of the ledger: emptied, the answers replay from the first event again, and the checkpoints are written anew.
-- A checkpoint counts every step up to and including the event with its sequence number; fold_version names the
-- fold that wrote it, so that a fold that changes never resumes from another's checkpoints.
CREATE TABLE replay_checkpoint (
    aggregate_identifier VARCHAR(255) NOT NULL,
    fold_version         INTEGER      NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    status               VARCHAR(20)  NOT NULL,
    -- The latest legal date of the steps up to the checkpoint: it serves an answer on a day on or after it.
    latest_date          DATE,
    PRIMARY KEY (aggregate_identifier, fold_version, sequence_number)
);

-- What the reservations draw at a checkpoint, per budget type, in cents.
CREATE TABLE replay_checkpoint_usage (
    aggregate_identifier VARCHAR(255) NOT NULL,
    fold_version         INTEGER      NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    budget_type          VARCHAR(40)  NOT NULL,
    requested_cents      BIGINT       NOT NULL,
    reserved_cents       BIGINT       NOT NULL,
    committed_cents      BIGINT       NOT NULL,
    paid_cents           BIGINT       NOT NULL,
    PRIMARY KEY (aggregate_identifier, fold_version, sequence_number, budget_type)
);

-- A reservation's figures at the checkpoints where they had changed since the one before: its state at a checkpoint
-- is its row with the greatest sequence number up to it.
CREATE TABLE replay_checkpoint_reservation (
    aggregate_identifier VARCHAR(255) NOT NULL,
    fold_version         INTEGER      NOT NULL,
    reservation_id       VARCHAR(128) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    budget_type          VARCHAR(40)  NOT NULL,
    status               VARCHAR(20)  NOT NULL,
    amount_cents         BIGINT       NOT NULL,
    commitment_cents     BIGINT       NOT NULL,
    paid_cents           BIGINT       NOT NULL,
    PRIMARY KEY (aggregate_identifier, fold_version, reservation_id, sequence_number)
);
