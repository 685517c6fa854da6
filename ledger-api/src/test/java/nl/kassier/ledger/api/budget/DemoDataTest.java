package nl.kassier.ledger.api.budget;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumSet;
import java.util.Set;
import nl.kassier.ledger.api.support.Api;
import nl.kassier.ledger.api.support.LedgerServiceTest;
import nl.kassier.ledger.core.budget.ReservationStatus;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The demo data tells the story of a whole scheme, so that a new user sees every status: reservations in every year of
 * the scheme (2021 to 2024), payments into 2025 after the regeling lapsed, 2022 closed and 2021 settled. (The context of the rebuild
 * test, which starts with the demo data too.)
 */
@LedgerServiceTest
@TestPropertySource(properties = {"ledger.demo=true", "ledger.test-context=rebuild"})
class DemoDataTest {

    @LocalServerPort
    int port;

    @Test
    void showsEveryStatusOfAReservationAndOfABudgetYear() {
        Api api = new Api(port);
        assertThat(budgetStatus(api, 2021)).isEqualTo("SETTLED");
        assertThat(budgetStatus(api, 2022)).isEqualTo("CLOSED");
        assertThat(budgetStatus(api, 2023)).isEqualTo("OPEN");
        assertThat(budgetStatus(api, 2024)).isEqualTo("OPEN");

        Set<ReservationStatus> seen = EnumSet.noneOf(ReservationStatus.class);
        boolean paidAfterTheScheme = false;
        for (String region : new String[] {"rijnmond", "drechtsteden", "groot-amsterdam"}) {
            for (int year = 2021; year <= 2024; year++) {
                JsonNode page = api.get(
                                "auditor", "/api/v1/regions/" + region + "/reservations?year=" + year + "&size=100")
                        .json();
                for (JsonNode reservation : page.get("items")) {
                    seen.add(ReservationStatus.valueOf(reservation.get("status").asText()));
                    for (JsonNode step : api.get(
                                    "auditor",
                                    "/api/v1/reservations/"
                                            + reservation.get("id").asText())
                            .json()
                            .get("history")) {
                        paidAfterTheScheme |= step.get("type").asText().equals("PAID")
                                && step.get("date").asText().startsWith("2025");
                    }
                }
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(ReservationStatus.values());
        assertThat(paidAfterTheScheme)
                .as("a commitment paid after the regeling lapsed")
                .isTrue();
    }

    private static String budgetStatus(Api api, int year) {
        return api.get("auditor", "/api/v1/regions/rijnmond/budgets/" + year)
                .json()
                .get("status")
                .asText();
    }
}
