package nl.kassier.ledger.api.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import nl.kassier.ledger.api.support.Api;
import nl.kassier.ledger.api.support.LedgerServiceTest;
import nl.kassier.ledger.core.budget.BudgetReserved;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * An event that a read model cannot read is never passed over: the processor stops at it, and health says so with
 * its position. (Axon's default would log the failure and go on, and the read model would lack the event for ever.)
 */
@LedgerServiceTest
@TestPropertySource(properties = "ledger.test-context=unreadable-event")
class UnreadableEventTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void stopsAtAnEventItCannotReadAndSaysWhere() throws Exception {
        Api api = new Api(port);
        jdbc.update(
                "INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,"
                        + " time_stamp, payload_type, payload_revision, payload, meta_data)"
                        + " VALUES (?, 'zeeland_2023_unreadable', 0, 'Budget', ?, ?, '1', ?, ?)",
                UUID.randomUUID().toString(),
                Instant.now().toString(),
                BudgetReserved.class.getName(),
                "{\"budgetId\":".getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
        long position = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);

        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        JsonNode health = api.get("auditor", "/actuator/health").json();
        while (!"DOWN".equals(health.path("status").asText()) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            health = api.get("auditor", "/actuator/health").json();
        }

        assertThat(health.path("status").asText()).as(health.toString()).isEqualTo("DOWN");
        JsonNode stuck = health.at("/components/eventProcessors/details/stuck/read-models/0");
        assertThat(stuck.path("position").asLong()).as("stuck after").isBetween(1L, position - 1);
        assertThat(stuck.path("error").asText()).isNotEmpty();
    }
}
