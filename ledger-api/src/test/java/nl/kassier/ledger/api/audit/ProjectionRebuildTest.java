package nl.kassier.ledger.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.kassier.ledger.api.support.LedgerServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/** An operator rebuilds every read model from the events: afterwards every table is exactly as it was. */
@LedgerServiceTest
@TestPropertySource(properties = {"ledger.demo=true", "ledger.test-context=rebuild"})
class ProjectionRebuildTest {

    private static final Map<String, String> READ_MODELS = new LinkedHashMap<>();

    static {
        READ_MODELS.put("amendment_view", "amendment_id");
        READ_MODELS.put("reservation_view", "reservation_id");
        READ_MODELS.put("reservation_history", "reservation_id, event_position");
        READ_MODELS.put("payment_view", "payment_id");
        READ_MODELS.put("budget_usage", "region, year, budget_type");
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ProjectionRebuild rebuild;

    @Test
    void rebuildsEveryReadModelIdentically() {
        Map<String, List<Map<String, Object>>> before = dump();
        assertThat(before.get("reservation_view")).hasSizeGreaterThan(20);
        assertThat(before.get("payment_view")).isNotEmpty();
        long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        // A read model damaged by hand: only a real reset and replay makes this row go away.
        jdbc.update("INSERT INTO budget_usage (region, year, budget_type, paid_cents) VALUES ('zeeland', 1999,"
                + " 'WERKFITBEHOUD', 123)");

        rebuild.rebuild();

        assertThat(dump()).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class))
                .as("a rebuild records nothing")
                .isEqualTo(events);
    }

    private Map<String, List<Map<String, Object>>> dump() {
        Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
        READ_MODELS.forEach((table, order) ->
                tables.put(table, jdbc.queryForList("SELECT * FROM " + table + " ORDER BY " + order)));
        return tables;
    }
}
