package nl.kassier.ledger.projections;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.kassier.ledger.core.budget.BudgetStatus;
import nl.kassier.ledger.core.budget.HistoryEntry;
import nl.kassier.ledger.core.budget.PaymentId;
import nl.kassier.ledger.core.budget.ReservationId;
import nl.kassier.ledger.core.budget.ReservationStatus;
import nl.kassier.ledger.core.budget.SettlementStatus;
import nl.kassier.ledger.core.budget.TargetGroup;
import nl.kassier.ledger.core.privacy.CandidateId;
import nl.kassier.ledger.core.privacy.CandidateRef;
import nl.kassier.ledger.core.reconciliation.BankStatement;
import nl.kassier.ledger.core.reconciliation.ReconciliationId;
import nl.kassier.ledger.core.reconciliation.StatementEntry;
import nl.kassier.ledger.core.regeling.Amendment;
import nl.kassier.ledger.core.regeling.MenuItem;
import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.Reason;
import nl.kassier.ledger.core.shared.Reference;
import nl.kassier.ledger.core.shared.RegionCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every text column of the read models (and of the write side's claims) holds the longest value its value type lets
 * in: the column widths are derived from the types, not the other way round. A column narrower than its type's
 * maximum would let the API accept a value the projection then fails on, for ever; a new text column must be named
 * here with the type it holds.
 */
class ReadModelColumnsTest {

    @RegisterExtension
    static final MigratedDatabase database = new MigratedDatabase();

    /** The longest value of each text column, by {@code table.column}: a value type's maximum. */
    private static final Map<String, Integer> LONGEST = longest();

    private static Map<String, Integer> longest() {
        Map<String, Integer> longest = new LinkedHashMap<>();
        int region = RegionCode.LENGTH_MAX;
        int reservation = ReservationId.LENGTH_MAX;
        int user = Actor.USERNAME_LENGTH_MAX;
        longest.put("amendment_view.amendment_id", Amendment.ID_LENGTH_MAX);
        longest.put("amendment_view.actor", user);
        longest.put("budget_usage.region", region);
        longest.put("budget_usage.budget_type", longestName(BudgetType.values()));
        longest.put("reservation_view.reservation_id", reservation);
        longest.put("reservation_view.region", region);
        longest.put("reservation_view.budget_type", longestName(BudgetType.values()));
        longest.put("reservation_view.menu_item", longestName(MenuItem.values()));
        longest.put("reservation_view.status", longestName(ReservationStatus.values()));
        longest.put("reservation_view.candidate_ref", CandidateRef.LENGTH_MAX);
        longest.put("reservation_view.candidate", CandidateId.LENGTH);
        longest.put("reservation_view.target_group", longestName(TargetGroup.values()));
        // Sealed personal data, base64: unbounded text, as the event holds it.
        longest.put("reservation_view.personal_sealed", Integer.MAX_VALUE);
        longest.put("reservation_view.organisation", Actor.ORGANISATION_LENGTH_MAX);
        longest.put("reservation_view.requested_by", user);
        longest.put("reservation_history.reservation_id", reservation);
        longest.put("reservation_history.type", longestName(HistoryEntry.Step.values()));
        longest.put("reservation_history.actor", user);
        // A reason, a reference, a payment id or what a statement said of a payment.
        longest.put(
                "reservation_history.detail",
                Math.max(Math.max(Reason.LENGTH_MAX, Reference.LENGTH_MAX), settlementDetailLength()));
        longest.put("reservation_history.reason", Reason.LENGTH_MAX);
        longest.put("reservation_history.reference", Reference.LENGTH_MAX);
        longest.put("reservation_history.payment_id", PaymentId.LENGTH_MAX);
        longest.put("reservation_history.invoice_ref", Reference.LENGTH_MAX);
        longest.put("budget_status.region", region);
        longest.put("budget_status.status", longestName(BudgetStatus.values()));
        longest.put("payment_view.payment_id", PaymentId.LENGTH_MAX);
        longest.put("payment_view.reservation_id", reservation);
        longest.put("payment_view.region", region);
        longest.put("payment_view.invoice_ref", Reference.LENGTH_MAX);
        longest.put("payment_view.registered_by", user);
        longest.put("payment_view.settlement_status", longestName(SettlementStatus.values()));
        longest.put("payment_view.settlement_reconciliation_id", ReconciliationId.LENGTH_MAX);
        longest.put("payment_view.settlement_entry", StatementEntry.REFERENCE_LENGTH_MAX);
        longest.put("payment_id_claim.payment_id", PaymentId.LENGTH_MAX);
        longest.put("payment_id_claim.reservation_id", reservation);
        longest.put("payment_id_claim.idempotency_key", 64);
        longest.put("reconciliation_report.reconciliation_id", ReconciliationId.LENGTH_MAX);
        longest.put("reconciliation_report.statement_id", BankStatement.STATEMENT_ID_LENGTH_MAX);
        longest.put("reconciliation_report.account", BankStatement.ACCOUNT_LENGTH_MAX);
        longest.put("reconciliation_report.imported_by", user);
        longest.put("payment_settlement.payment_id", PaymentId.LENGTH_MAX);
        longest.put("payment_settlement.reconciliation_id", ReconciliationId.LENGTH_MAX);
        longest.put("payment_settlement.statement_id", BankStatement.STATEMENT_ID_LENGTH_MAX);
        longest.put("payment_settlement.entry_reference", StatementEntry.REFERENCE_LENGTH_MAX);
        int budget = RegionCode.LENGTH_MAX + 1 + 4;
        longest.put("replay_checkpoint.aggregate_identifier", budget);
        longest.put("replay_checkpoint.status", longestName(BudgetStatus.values()));
        longest.put("replay_checkpoint_usage.aggregate_identifier", budget);
        longest.put("replay_checkpoint_usage.budget_type", longestName(BudgetType.values()));
        longest.put("replay_checkpoint_reservation.aggregate_identifier", budget);
        longest.put("replay_checkpoint_reservation.reservation_id", reservation);
        longest.put("replay_checkpoint_reservation.budget_type", longestName(BudgetType.values()));
        longest.put("replay_checkpoint_reservation.status", longestName(ReservationStatus.values()));
        return longest;
    }

    /** {@code PAY-…: the bank debited …, the ledger paid …; statement …, entry …} at its longest. */
    private static int settlementDetailLength() {
        String amount = "-999999999999999.99";
        return PaymentId.LENGTH_MAX
                + ": the bank debited ".length()
                + amount.length()
                + ", the ledger paid ".length()
                + amount.length()
                + "; statement ".length()
                + BankStatement.STATEMENT_ID_LENGTH_MAX
                + ", entry ".length()
                + StatementEntry.REFERENCE_LENGTH_MAX;
    }

    private static int longestName(Enum<?>[] values) {
        return Arrays.stream(values).mapToInt(v -> v.name().length()).max().orElseThrow();
    }

    @Test
    void everyTextColumnHoldsTheLongestValueOfItsType() {
        List<Map<String, Object>> columns = database.jdbc()
                .queryForList("SELECT table_name, column_name, data_type, character_maximum_length"
                        + " FROM information_schema.columns WHERE table_schema = 'public'"
                        + " AND data_type IN ('character varying', 'character', 'text')"
                        + " AND table_name IN ('amendment_view', 'budget_usage', 'reservation_view',"
                        + " 'reservation_history', 'payment_view', 'payment_id_claim', 'reconciliation_report',"
                        + " 'payment_settlement', 'budget_status', 'replay_checkpoint', 'replay_checkpoint_usage',"
                        + " 'replay_checkpoint_reservation')");

        assertThat(columns).isNotEmpty();
        for (Map<String, Object> column : columns) {
            String name = column.get("table_name") + "." + column.get("column_name");
            assertThat(LONGEST).as("the value type %s holds", name).containsKey(name);
            Object width = column.get("character_maximum_length");
            if (width != null) {
                assertThat(((Number) width).intValue())
                        .as("%s (%s) holds the longest value of its type", name, column.get("data_type"))
                        .isGreaterThanOrEqualTo(LONGEST.get(name));
            }
        }
        assertThat(columns).hasSize(LONGEST.size());
    }
}
