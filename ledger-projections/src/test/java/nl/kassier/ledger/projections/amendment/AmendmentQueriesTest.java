package nl.kassier.ledger.projections.amendment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import nl.kassier.ledger.core.regeling.Amendment;
import nl.kassier.ledger.core.regeling.CapLine;
import nl.kassier.ledger.core.regeling.CapSetting;
import nl.kassier.ledger.core.regeling.RegelingHistory;
import nl.kassier.ledger.core.shared.BudgetType;
import nl.kassier.ledger.core.shared.Money;
import nl.kassier.ledger.infra.json.LedgerObjectMappers;
import nl.kassier.ledger.projections.MigratedDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The regeling as the budget answers read it: parsed again only when the read model changed, and never older than the
 * read model, whatever happens to it between two answers (an amendment added, a rebuild that empties it).
 */
class AmendmentQueriesTest {

    private static final ObjectMapper JSON = LedgerObjectMappers.forStorage();
    private static final LocalDate DAY = LocalDate.of(2022, 7, 1);

    @RegisterExtension
    static final MigratedDatabase database = new MigratedDatabase();

    static final JdbcTemplate jdbc = database.jdbc();

    AmendmentQueries queries;

    @BeforeEach
    void emptyReadModel() {
        jdbc.update("DELETE FROM amendment_view");
        queries = new AmendmentQueries(jdbc);
    }

    @Test
    void showsEachAmendmentAsSoonAsTheReadModelHoldsIt() {
        assertThat(queries.law().caps(2022, DAY)).isEmpty();
        record(10, cap("first", "2022-01-01", "1000.00"));
        assertThat(amounts()).containsExactly("1000.00");
        assertThat(queries.all()).extracting(RecordedAmendment::position).containsExactly(10L);
        record(20, cap("second", "2022-03-01", "2000.00"));
        assertThat(amounts()).containsExactly("2000.00");
        assertThat(queries.all()).extracting(RecordedAmendment::position).containsExactly(10L, 20L);
    }

    @Test
    void followsARebuildThatEmptiesTheReadModelAndFillsItAgain() {
        record(10, cap("first", "2022-01-01", "1000.00"));
        record(20, cap("second", "2022-03-01", "2000.00"));
        assertThat(amounts()).containsExactly("2000.00");
        // A rebuild half-way: the table emptied and the first amendment back, the second still to come.
        jdbc.update("DELETE FROM amendment_view");
        assertThat(queries.law().caps(2022, DAY)).isEmpty();
        record(10, cap("first", "2022-01-01", "1000.00"));
        assertThat(amounts()).containsExactly("1000.00");
    }

    @Test
    void readsTheSameAmendmentsAgainAsTheSameAnswer() {
        record(10, cap("first", "2022-01-01", "1000.00"));
        RegelingHistory first = queries.law();
        assertThat(queries.law()).isSameAs(first);
    }

    private List<String> amounts() {
        return queries.law().caps(2022, DAY).stream()
                .map(CapLine::amount)
                .map(Money::toPlainString)
                .toList();
    }

    private static Amendment cap(String id, String effectiveFrom, String amount) {
        return new Amendment(
                id,
                "Wijziging " + id,
                null,
                null,
                LocalDate.parse(effectiveFrom),
                null,
                List.of(new CapSetting(2022, List.of(BudgetType.AANVULLENDE_DIENSTVERLENING), Money.parse(amount))),
                List.of(),
                List.of(),
                null);
    }

    private static void record(long position, Amendment amendment) {
        try {
            jdbc.update(
                    "INSERT INTO amendment_view (amendment_id, event_position, recorded_at, effective_from, actor,"
                            + " document) VALUES (?, ?, ?, ?, 'szw', CAST(? AS jsonb))",
                    amendment.id(),
                    position,
                    Timestamp.from(Instant.parse("2026-11-23T10:00:00Z").plusSeconds(position)),
                    amendment.effectiveFrom(),
                    JSON.writeValueAsString(amendment));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
