package nl.kassier.ledger.api.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import nl.kassier.ledger.api.support.Api;
import nl.kassier.ledger.api.support.Api.Response;
import nl.kassier.ledger.api.support.LedgerServiceTest;
import nl.kassier.ledger.core.shared.Money;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The bimonthly monitor over a generated period: reservations of many candidates, by several partners and the
 * coördinator, on menu items and target groups drawn at random, some approved, committed and paid inside the period
 * and some before it. The monitor's figures equal counts the test keeps of what it did itself, and no cell of fewer
 * than five candidates, nor a total that would give one away, is shown.
 */
@LedgerServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = "ledger.test-context=monitor")
class MonitorApiTest {

    private static final LocalDate FROM = LocalDate.of(2022, 3, 1);
    private static final LocalDate TO = LocalDate.of(2022, 4, 30);
    private static final List<String> ITEMS = List.of("MATCHING", "SOLLICITATIEVAARDIGHEDEN", "SCHOLING");
    private static final List<String> GROUPS = List.of("WW", "WERKEND", "WIA");
    private static final List<String> USERS = List.of("coord-rijnmond", "fnv-rijnmond", "uwv-rijnmond");

    @LocalServerPort
    int port;

    Api api;

    /** What the test did, per measure: the reservations counted, with their keys, candidate and amount. */
    private final Map<String, List<Counted>> expected = new HashMap<>();

    private record Counted(String menuItem, String targetGroup, String organisation, String candidate, Money amount) {}

    private void count(String measure, Counted counted) {
        expected.computeIfAbsent(measure, m -> new ArrayList<>()).add(counted);
    }

    @BeforeAll
    void generate() {
        api = new Api(port);
        api.post("szw", "/api/v1/amendments", """
                {"id":"monitor","title":"Illustratieve verdeling (test)","effectiveFrom":"2021-03-26",
                 "allocations":[
                   {"region":"rijnmond","year":2022,"budgets":["AANVULLENDE_DIENSTVERLENING"],"amount":"500000.00"}]}
                """).ok(201);
        Random random = new Random(20220301);
        for (int n = 0; n < 60; n++) {
            String user = USERS.get(random.nextInt(USERS.size()));
            String item = ITEMS.get(random.nextInt(ITEMS.size()));
            String group = GROUPS.get(random.nextInt(GROUPS.size()));
            // Skewed: a few candidates with many reservations, many with one, so that small cells occur.
            String candidate = "mon-" + (random.nextInt(3) == 0 ? random.nextInt(4) : 10 + random.nextInt(40));
            LocalDate melding = LocalDate.of(2022, 2, 15).plusDays(random.nextInt(70));
            Money amount = Money.ofCents(10_000 + 100L * random.nextInt(100));
            Response created = api.post(user, "/api/v1/regions/rijnmond/reservations", """
                    {"year":2022,"budget":"AANVULLENDE_DIENSTVERLENING","menuItem":"%s","amount":"%s",
                     "candidate":{"ref":"%s","targetGroup":"%s","jobLossDate":"2021-01-15","jobAgreement":false},
                     "date":"%s"}
                    """.formatted(
                                    item, amount.toPlainString(), candidate, group, melding))
                    .ok(201);
            String id = created.json().get("id").asText();
            String organisation = user.startsWith("coord") ? "NONE" : user.startsWith("fnv") ? "FNV" : "UWV";
            Counted counted = new Counted(item, group, organisation, candidate, amount);
            boolean inPeriod = !melding.isBefore(FROM);
            if (inPeriod) {
                count("NEW", counted);
            }
            LocalDate stepped = melding;
            boolean open = true;
            if (!user.startsWith("coord")) {
                int choice = random.nextInt(3);
                if (choice == 0) {
                    countOpen(counted);
                    continue;
                }
                stepped = stepped.plusDays(random.nextInt(5));
                if (choice == 1 && random.nextBoolean()) {
                    api.post(
                                    "coord-rijnmond",
                                    "/api/v1/reservations/" + id + "/reject",
                                    "{\"reason\":\"past niet\",\"date\":\"" + stepped + "\"}")
                            .ok(200);
                    continue;
                }
                api.post("coord-rijnmond", "/api/v1/reservations/" + id + "/approve", "{\"date\":\"" + stepped + "\"}")
                        .ok(200);
                if (!stepped.isBefore(FROM)) {
                    count("APPROVED", counted);
                }
            } else if (inPeriod) {
                count("APPROVED", counted);
            }
            if (random.nextBoolean()) {
                stepped = stepped.plusDays(random.nextInt(10));
                api.post(
                                "coord-rijnmond",
                                "/api/v1/reservations/" + id + "/commit",
                                "{\"amount\":\"" + amount.toPlainString() + "\",\"date\":\"" + stepped + "\"}")
                        .ok(200);
                if (!stepped.isBefore(FROM) && !stepped.isAfter(TO)) {
                    count("COMMITTED", counted);
                }
                if (random.nextBoolean()) {
                    stepped = stepped.plusDays(random.nextInt(10));
                    api.post("kassier", "/api/v1/reservations/" + id + "/payments", """
                            {"paymentId":"PAY-MON-%d","amount":"%s","date":"%s"}
                            """.formatted(
                                            n, amount.toPlainString(), stepped))
                            .ok(201);
                    if (!stepped.isBefore(FROM) && !stepped.isAfter(TO)) {
                        count("PAID", counted);
                    }
                    open = stepped.isAfter(TO);
                }
            }
            if (open) {
                countOpen(counted);
            }
        }
    }

    private void countOpen(Counted counted) {
        count("OPEN", counted);
    }

    @Test
    void theFiguresEqualWhatWasDoneAndNoCellOfFewerThanFiveCandidatesIsShown() {
        JsonNode monitor = api.get("szw", "/api/v1/monitor?year=2022&period=2&region=rijnmond")
                .ok(200)
                .json();
        assertThat(monitor.get("from").asText()).isEqualTo("2022-03-01");
        assertThat(monitor.get("to").asText()).isEqualTo("2022-04-30");
        JsonNode region = monitor.get("regions").get(0);
        assertThat(region.get("region").asText()).isEqualTo("rijnmond");
        int suppressedSeen = 0;
        for (JsonNode flow : region.get("flows")) {
            String measure = flow.get("measure").asText();
            List<Counted> counted = expected.getOrDefault(measure, List.of());
            Set<String> totalCandidates = new HashSet<>();
            counted.forEach(c -> totalCandidates.add(c.candidate()));
            boolean totalSuppressed = "<5".equals(flow.get("total").get("count").asText());
            if (!totalSuppressed) {
                assertThat(flow.get("total").get("count").asInt()).as(measure).isEqualTo(counted.size());
                assertThat(flow.get("total").get("amount").asText()).as(measure).isEqualTo(sum(counted));
            }
            if (totalCandidates.size() > 0 && totalCandidates.size() < 5) {
                assertThat(totalSuppressed)
                        .as("a total of fewer than five candidates: " + measure)
                        .isTrue();
            }
            Map<String, java.util.function.Function<Counted, String>> dimensions = Map.of(
                    "byMenuItem", Counted::menuItem,
                    "byTargetGroup", Counted::targetGroup,
                    "byOrganisation", Counted::organisation);
            for (Map.Entry<String, java.util.function.Function<Counted, String>> dimension : dimensions.entrySet()) {
                Map<String, List<Counted>> byKey = new HashMap<>();
                counted.forEach(c -> byKey.computeIfAbsent(dimension.getValue().apply(c), k -> new ArrayList<>())
                        .add(c));
                JsonNode cells = flow.get(dimension.getKey());
                assertThat(cells).as(measure + " " + dimension.getKey()).hasSize(byKey.size());
                Set<String> suppressedCandidates = new HashSet<>();
                int suppressedCells = 0;
                for (JsonNode cell : cells) {
                    List<Counted> mine = byKey.get(cell.get("key").asText());
                    assertThat(mine).as("a cell the test made: %s", cell).isNotNull();
                    Set<String> candidates = new HashSet<>();
                    mine.forEach(c -> candidates.add(c.candidate()));
                    if ("<5".equals(cell.get("count").asText())) {
                        assertThat(cell.has("amount"))
                                .as("a suppressed cell shows no amount")
                                .isFalse();
                        suppressedCandidates.addAll(candidates);
                        suppressedCells++;
                        suppressedSeen++;
                    } else {
                        assertThat(candidates.size())
                                .as("%s %s %s shows a count", measure, dimension.getKey(), cell)
                                .isGreaterThanOrEqualTo(5);
                        assertThat(cell.get("count").asInt())
                                .as(cell.toString())
                                .isEqualTo(mine.size());
                        assertThat(cell.get("amount").asText())
                                .as(cell.toString())
                                .isEqualTo(sum(mine));
                    }
                }
                if (suppressedCells > 0 && !totalSuppressed) {
                    // The total minus the cells shown gives the suppressed ones together: never one cell, never
                    // fewer than five candidates.
                    assertThat(suppressedCells)
                            .as(measure + " " + dimension.getKey())
                            .isGreaterThanOrEqualTo(2);
                    assertThat(suppressedCandidates.size())
                            .as(measure + " " + dimension.getKey())
                            .isGreaterThanOrEqualTo(5);
                }
            }
        }
        assertThat(suppressedSeen).as("the generated period has small cells").isPositive();
        JsonNode line = region.get("utilisation").get(0);
        assertThat(line.get("cap").asText()).isEqualTo("500000.00");
        JsonNode budget = api.get("szw", "/api/v1/regions/rijnmond/budgets/2022?on=2022-04-30")
                .ok(200)
                .json();
        assertThat(line.get("available").asText())
                .isEqualTo(budget.get("lines").get(0).get("available").asText());
    }

    @Test
    void theCsvShowsTheSameCellsAndTheRolesAreKept() {
        Response csv = api.get("kassier", "/api/v1/monitor.csv?year=2022&period=2&region=rijnmond")
                .ok(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body()).startsWith("region,measure,dimension,key,count,amount,cap,available,percentage\r\n");
        assertThat(csv.body()).contains(",<5,,").contains("UTILISATION,CAP_LINE,AANVULLENDE_DIENSTVERLENING");
        assertThat(csv.body()).doesNotContain("mon-");
        api.get("coord-rijnmond", "/api/v1/monitor?year=2022&period=2").ok(200);
        assertThat(api.get("coord-rijnmond", "/api/v1/monitor?year=2022&period=2&region=twente")
                        .code())
                .isEqualTo("FORBIDDEN");
        assertThat(api.get("fnv-rijnmond", "/api/v1/monitor?year=2022&period=2").code())
                .isEqualTo("FORBIDDEN");
        assertThat(api.get("szw", "/api/v1/monitor?year=2022&period=7").code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.get("szw", "/api/v1/monitor?period=2").code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.get("szw", "/api/v1/monitor?year=2022&period=2&regio=x").code())
                .isEqualTo("VALIDATION_FAILED");
        JsonNode all =
                api.get("auditor", "/api/v1/monitor?year=2022&period=2").ok(200).json();
        assertThat(all.get("regions")).hasSize(35);
    }

    private static String sum(List<Counted> counted) {
        Money total = Money.ZERO;
        for (Counted c : counted) {
            total = total.plus(c.amount());
        }
        return total.toPlainString();
    }
}
