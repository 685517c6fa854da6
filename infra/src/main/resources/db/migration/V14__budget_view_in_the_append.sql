-- How far the budget read models have applied each budget's events: the sequence number of the latest event of the
-- budget they have applied, written in the same transaction as the rows. The transaction that appends a budget's
-- events applies them itself when the read models had applied every earlier event of that budget; the tracking
-- processor applies what it finds not yet applied. A store from before this table has no rows: each budget's next
-- event is applied by the processor, which lays its row down, and from then on by the append.
CREATE TABLE budget_view_position (
    aggregate_identifier VARCHAR(255) PRIMARY KEY,
    sequence_number      BIGINT       NOT NULL
);
