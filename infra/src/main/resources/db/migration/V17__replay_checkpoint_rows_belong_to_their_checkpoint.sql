-- A checkpoint's usage and reservation rows belong to it: they cannot outlive it, and a checkpoint is emptied with
-- them. Empty the checkpoints only as a whole (TRUNCATE replay_checkpoint, replay_checkpoint_usage,
-- replay_checkpoint_reservation): a later checkpoint finds a reservation's figures in the rows of an earlier one.
ALTER TABLE replay_checkpoint_usage
    ADD CONSTRAINT replay_checkpoint_usage_checkpoint
        FOREIGN KEY (aggregate_identifier, fold_version, sequence_number)
        REFERENCES replay_checkpoint (aggregate_identifier, fold_version, sequence_number) ON DELETE CASCADE;
ALTER TABLE replay_checkpoint_reservation
    ADD CONSTRAINT replay_checkpoint_reservation_checkpoint
        FOREIGN KEY (aggregate_identifier, fold_version, sequence_number)
        REFERENCES replay_checkpoint (aggregate_identifier, fold_version, sequence_number) ON DELETE CASCADE;
-- The rows of one checkpoint, for the cascade.
CREATE INDEX replay_checkpoint_reservation_of_checkpoint
    ON replay_checkpoint_reservation (aggregate_identifier, fold_version, sequence_number);
