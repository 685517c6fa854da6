-- A reservation's history shows each step's reason, reference or payment id in full. The column was cut at 200
-- characters while a reason may hold 500; what the API accepts, the read model now holds (the read-model columns are
-- checked against the value types' maxima by a test). Widening a column rewrites nothing in the event store.
ALTER TABLE reservation_history ALTER COLUMN detail TYPE TEXT;
