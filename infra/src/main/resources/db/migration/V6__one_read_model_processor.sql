-- The three read-model processors (amendments, budgets, reconciliations) become one, "read-models", which reads the
-- stream once. Its read models are rebuilt from the events on the first start: they are emptied here, with the old
-- processors' positions. Only derived tables are touched; the event store and the payment-id claims stay as they are.
TRUNCATE amendment_view, budget_usage, reservation_view, reservation_history, payment_view,
         reconciliation_report, payment_settlement;
DELETE FROM token_entry WHERE processor_name IN ('amendments', 'budgets', 'reconciliations');
