-- The read-model processor runs in two segments. A processor's segments are laid down when it first stores its
-- positions, so the read models are emptied here with the one-segment positions and rebuilt from the events on the
-- first start, as for V6. Only derived tables are touched; the event store and the payment-id claims stay as they are.
TRUNCATE amendment_view, budget_usage, reservation_view, reservation_history, payment_view,
         reconciliation_report, payment_settlement;
DELETE FROM token_entry WHERE processor_name = 'read-models';
