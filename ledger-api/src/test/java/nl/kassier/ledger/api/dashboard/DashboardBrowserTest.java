package nl.kassier.ledger.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.kassier.ledger.api.support.Api;
import nl.kassier.ledger.api.support.Browser;
import nl.kassier.ledger.api.support.LedgerServiceTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The dashboard in a real browser, signed in through its form as each role: every figure a page shows equals the
 * REST API's answer for the same user to the cent, a coördinator approves a reservation on the page and the API shows
 * it approved, and axe-core finds no WCAG 2.1 A or AA violation on any page. A screenshot of each page is saved under
 * {@code target/dashboard/}.
 */
@LedgerServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestPropertySource(properties = "ledger.test-context=dashboard")
class DashboardBrowserTest {

    @LocalServerPort
    int port;

    Api api;
    Browser browser;

    /** Reservations the partner requested, awaiting the coördinator. */
    private final List<String> requested = new ArrayList<>();

    @BeforeAll
    void ledgerWithActivity() {
        api = new Api(port);
        api.post("szw", "/api/v1/amendments", """
                {"id":"dashboard","title":"Illustratieve verdeling (test)","effectiveFrom":"2021-03-26",
                 "allocations":[
                   {"region":"rijnmond","year":2022,"budgets":["AANVULLENDE_DIENSTVERLENING"],"amount":"500000.00"},
                   {"region":"rijnmond","year":2022,"budgets":["PRAKTIJKLEREN"],"amount":"120000.00"},
                   {"region":"drechtsteden","year":2022,"budgets":["AANVULLENDE_DIENSTVERLENING"],"amount":"80000.00"}]}
                """).ok(201);
        // The coördinator's own reservations, approved at once: one committed and partly paid, one paid in full.
        String partly = reserve(
                "coord-rijnmond",
                "rijnmond",
                "AANVULLENDE_DIENSTVERLENING",
                "SCHOLING",
                "4500.00",
                "dash-cand-1",
                "2022-02-10");
        commit(partly, "4000.00", "2022-02-20");
        pay(partly, "PAY-DASH-1", "1500.55", "2022-03-05");
        String paid = reserve(
                "coord-rijnmond",
                "rijnmond",
                "AANVULLENDE_DIENSTVERLENING",
                "MATCHING",
                "2999.99",
                "dash-cand-2",
                "2022-04-01");
        commit(paid, "2999.99", "2022-04-02");
        pay(paid, "PAY-DASH-2", "2999.99", "2022-05-10");
        reserve("coord-rijnmond", "rijnmond", "PRAKTIJKLEREN", "MBO_DIPLOMA", "1999.07", "dash-cand-3", "2022-06-15");
        // A partner's requests, awaiting approval.
        requested.add(reserve(
                "fnv-rijnmond",
                "rijnmond",
                "AANVULLENDE_DIENSTVERLENING",
                "SOLLICITATIEVAARDIGHEDEN",
                "1234.56",
                "dash-cand-4",
                "2022-07-01"));
        requested.add(reserve(
                "fnv-rijnmond",
                "rijnmond",
                "AANVULLENDE_DIENSTVERLENING",
                "SCHOLING",
                "800.00",
                "dash-cand-5",
                "2022-08-01"));
        // Another region, drawing on its own allocation.
        String elsewhere = reserve(
                "coord-drechtsteden",
                "drechtsteden",
                "AANVULLENDE_DIENSTVERLENING",
                "MATCHING",
                "3150.10",
                "dash-cand-6",
                "2022-03-01");
        commit(elsewhere, "3150.10", "2022-03-02");
        browser = new Browser(port);
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private String reserve(
            String user, String region, String budget, String item, String amount, String candidate, String date) {
        return api.post(user, "/api/v1/regions/" + region + "/reservations", """
                        {"year":2022,"budget":"%s","menuItem":"%s","amount":"%s",
                         "candidate":{"ref":"%s","targetGroup":"WW","jobLossDate":"2021-01-15","jobAgreement":false},
                         "date":"%s"}
                        """.formatted(
                                budget, item, amount, candidate, date))
                .ok(201)
                .json()
                .get("id")
                .asText();
    }

    private void commit(String id, String amount, String date) {
        String coordinator = id.contains("drechtsteden") ? "coord-drechtsteden" : "coord-rijnmond";
        api.post(coordinator, "/api/v1/reservations/" + id + "/commit", """
                {"amount":"%s","date":"%s"}""".formatted(amount, date))
                .ok(200);
    }

    private void pay(String id, String paymentId, String amount, String date) {
        api.post("kassier", "/api/v1/reservations/" + id + "/payments", """
                {"paymentId":"%s","amount":"%s","date":"%s"}""".formatted(paymentId, amount, date))
                .ok(201);
    }

    /** The API's lines of a budget, by their key ({@code AANVULLENDE_DIENSTVERLENING}), as field → amount. */
    private Map<String, Map<String, String>> apiLines(String user, String path, String... fields) {
        Map<String, Map<String, String>> lines = new LinkedHashMap<>();
        for (JsonNode line : api.get(user, path).ok(200).json().get("lines")) {
            List<String> budgets = new ArrayList<>();
            line.get("budgets").forEach(b -> budgets.add(b.asText()));
            Map<String, String> figures = new LinkedHashMap<>();
            for (String field : fields) {
                figures.put(field, line.get(field).asText());
            }
            lines.put(String.join("+", budgets), figures);
        }
        return lines;
    }

    private static final String[] REGIONAL = {"cap", "requested", "reserved", "committed", "paid", "available"};

    /** The page's lines: every table marked with a line's key, its marked cells read as amounts. */
    private Map<String, Map<String, String>> pageLines(String selector) {
        Map<String, Map<String, String>> lines = new LinkedHashMap<>();
        for (WebElement table : browser.driver().findElements(By.cssSelector(selector))) {
            lines.put(table.getDomAttribute("data-regel"), Browser.figures(table));
        }
        return lines;
    }

    private void accessible(String page) {
        assertThat(browser.accessibilityViolations()).as("axe-core on " + page).isEmpty();
    }

    @Test
    @Order(1)
    void theCoordinatorSeesItsRegionAsTheApiDoesAndApprovesOnThePage() {
        browser.signIn("coord-rijnmond", Api.PASSWORDS.get("coord-rijnmond"));
        browser.open("/?jaar=2022");
        assertThat(browser.driver().findElement(By.tagName("h1")).getText())
                .contains("Rijnmond")
                .contains("2022");
        assertThat(pageLines("table.cijfers[data-regel]"))
                .isEqualTo(apiLines("coord-rijnmond", "/api/v1/regions/rijnmond/budgets/2022", REGIONAL))
                .containsKeys("AANVULLENDE_DIENSTVERLENING", "PRAKTIJKLEREN");

        // The requests awaiting approval are the API's, with their amounts.
        Map<String, String> awaiting = new HashMap<>();
        for (WebElement row : browser.driver().findElements(By.cssSelector("#wachtende-reserveringen tbody tr"))) {
            awaiting.put(
                    row.getDomAttribute("data-reservering"),
                    Browser.figures(row).get("requested"));
        }
        Map<String, String> expected = new HashMap<>();
        for (JsonNode r : api.get("coord-rijnmond", "/api/v1/regions/rijnmond/reservations?year=2022&status=REQUESTED")
                .ok(200)
                .json()
                .get("items")) {
            expected.put(r.get("id").asText(), r.get("requested").asText());
        }
        assertThat(awaiting).isEqualTo(expected).hasSize(2);
        // The months: at the end of August everything above was used, at the end of January nothing.
        List<WebElement> months = browser.driver().findElements(By.cssSelector("table[data-grafiek] tbody tr"));
        assertThat(months).hasSize(12);
        assertThat(Browser.amount(
                        months.get(0).findElements(By.tagName("td")).get(0).getText()))
                .isEqualTo("0.00");
        assertThat(Browser.amount(
                        months.get(11).findElements(By.tagName("td")).get(0).getText()))
                .isEqualTo(sumUsed(apiLines("coord-rijnmond", "/api/v1/regions/rijnmond/budgets/2022", REGIONAL)));
        assertThat(((JavascriptExecutor) browser.driver()).executeScript("return typeof window.Chart"))
                .as("Chart.js served from its WebJar")
                .isEqualTo("function");
        assertThat(browser.driver().findElements(By.cssSelector(".grafiek canvas")))
                .hasSize(1);
        accessible("the coördinator's page");
        browser.screenshot("coordinator");

        // Approve the first request through the page, with the date the form proposes.
        String approved = requested.get(0);
        WebElement row = browser.driver()
                .findElement(By.cssSelector("#wachtende-reserveringen tr[data-reservering='" + approved + "']"));
        browser.submit(row.findElement(By.xpath(".//button[text()='Goedkeuren']")));
        assertThat(browser.driver().findElement(By.cssSelector(".melding--ok")).getText())
                .contains("goedgekeurd");
        JsonNode reservation = api.get("coord-rijnmond", "/api/v1/reservations/" + approved)
                .ok(200)
                .json();
        assertThat(reservation.get("status").asText()).isEqualTo("RESERVED");
        assertThat(reservation.get("reserved").asText()).isEqualTo("1234.56");
        assertThat(browser.driver().findElements(By.cssSelector("#wachtende-reserveringen tr[data-reservering]")))
                .hasSize(1);
        assertThat(browser.driver()
                        .findElements(By.cssSelector("#lopende-reserveringen tr[data-reservering='" + approved + "']")))
                .hasSize(1);
        assertThat(pageLines("table.cijfers[data-regel]"))
                .isEqualTo(apiLines("coord-rijnmond", "/api/v1/regions/rijnmond/budgets/2022", REGIONAL));
        browser.signOut();
    }

    private static String sumUsed(Map<String, Map<String, String>> lines) {
        long cents = 0;
        for (Map<String, String> line : lines.values()) {
            for (String field : List.of("requested", "reserved", "committed", "paid")) {
                cents += nl.kassier.ledger.core.shared.Money.parse(line.get(field))
                        .cents();
            }
        }
        return nl.kassier.ledger.core.shared.Money.ofCents(cents).toPlainString();
    }

    @Test
    @Order(2)
    void theKassierSeesAllRegionsCommitmentsAndPaymentsAsTheApiDoes() {
        browser.signIn("kassier", Api.PASSWORDS.get("kassier"));
        browser.open("/?jaar=2022");
        List<WebElement> rows = browser.driver().findElements(By.cssSelector("#regio-overzicht tbody tr"));
        assertThat(rows).hasSize(35);
        for (WebElement row : rows) {
            String region = row.getDomAttribute("data-regio");
            Map<String, Map<String, String>> shown = new LinkedHashMap<>();
            for (WebElement cell : row.findElements(By.cssSelector("[data-veld]"))) {
                shown.computeIfAbsent(cell.getDomAttribute("data-regel"), k -> new LinkedHashMap<>())
                        .put(cell.getDomAttribute("data-veld"), Browser.amount(cell.getText()));
            }
            assertThat(shown)
                    .as(region)
                    .isEqualTo(apiLines("kassier", "/api/v1/regions/" + region + "/budgets/2022", "cap", "available"));
        }
        Map<String, Map<String, String>> awaiting = new HashMap<>();
        for (WebElement row : browser.driver().findElements(By.cssSelector("#te-betalen-lijst tbody tr"))) {
            awaiting.put(row.getDomAttribute("data-reservering"), Browser.figures(row));
        }
        Map<String, Map<String, String>> expected = new HashMap<>();
        for (String region : List.of("rijnmond", "drechtsteden")) {
            for (JsonNode r : api.get(
                            "kassier",
                            "/api/v1/regions/" + region + "/reservations?year=2022&status=COMMITTED,PARTIALLY_PAID")
                    .ok(200)
                    .json()
                    .get("items")) {
                expected.put(
                        r.get("id").asText(),
                        Map.of(
                                "committed",
                                r.get("committed").asText(),
                                "paid",
                                r.get("paid").asText()));
            }
        }
        assertThat(awaiting).isEqualTo(expected).hasSize(2);
        // Payments per month: March and May, as the payment list has them.
        List<WebElement> months = browser.driver().findElements(By.cssSelector("#betalingen-per-maand tbody tr"));
        assertThat(months).hasSize(12);
        Map<Integer, Long> paid = new HashMap<>();
        for (JsonNode p : api.get("kassier", "/api/v1/payments?from=2022-01-01&to=2022-12-31&size=100")
                .ok(200)
                .json()
                .get("items")) {
            int month = Integer.parseInt(p.get("date").asText().substring(5, 7));
            paid.merge(
                    month,
                    nl.kassier.ledger.core.shared.Money.parse(p.get("amount").asText())
                            .cents(),
                    Long::sum);
        }
        for (int month = 1; month <= 12; month++) {
            String shown = Browser.amount(
                    months.get(month - 1).findElements(By.tagName("td")).get(1).getText());
            assertThat(shown)
                    .as("month " + month)
                    .isEqualTo(nl.kassier.ledger.core.shared.Money.ofCents(paid.getOrDefault(month, 0L))
                            .toPlainString());
        }
        assertThat(paid).containsOnlyKeys(3, 5);
        accessible("the kassier's page");
        browser.screenshot("kassier");
        browser.signOut();
    }

    private static final String[] NATIONAL = {
        "cap", "allocated", "requested", "reserved", "committed", "paid", "released", "available"
    };

    @Test
    @Order(3)
    void theAuditorSeesTheNationalFiguresTheChainAndTheAmendmentsAsTheApiDoes() {
        browser.signIn("auditor", Api.PASSWORDS.get("auditor"));
        browser.open("/?jaar=2022");
        assertThat(pageLines("table.cijfers[data-regel]"))
                .isEqualTo(apiLines("auditor", "/api/v1/statements/2022", NATIONAL))
                .isNotEmpty();
        assertThat(browser.driver().findElements(By.cssSelector("#tijdlijn li")))
                .hasSize(api.get("auditor", "/api/v1/amendments").ok(200).json().size());

        browser.submit(By.xpath("//button[text()='Keten nu controleren']"));
        String verdict = browser.driver().findElement(By.id("keten-controle")).getText();
        JsonNode verified = api.get("auditor", "/api/v1/audit/verify").ok(200).json();
        assertThat(verified.get("valid").asBoolean()).isTrue();
        assertThat(verdict).contains("De keten is in orde");
        assertThat(verdict.replaceAll("\\D+", " "))
                .contains(" " + verified.get("events").asText() + " ");

        // A budget on a legal date: rijnmond at the end of March 2022, as the API answers on=2022-03-31.
        new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("regio")))
                .selectByValue("rijnmond");
        ((JavascriptExecutor) browser.driver()).executeScript("document.getElementById('op').value = '2022-03-31'");
        browser.submit(By.xpath("//form[@id='opvragen-vorm']//button"));
        Map<String, Map<String, String>> shown = new LinkedHashMap<>();
        for (WebElement row : browser.driver().findElements(By.cssSelector("#opgevraagd tr[data-regel]"))) {
            shown.put(row.getDomAttribute("data-regel"), Browser.figures(row));
        }
        assertThat(shown)
                .isEqualTo(apiLines("auditor", "/api/v1/regions/rijnmond/budgets/2022?on=2022-03-31", REGIONAL))
                .containsKeys("AANVULLENDE_DIENSTVERLENING", "PRAKTIJKLEREN");
        accessible("the auditor's page");
        browser.screenshot("auditor");
        browser.signOut();
    }

    @Test
    @Order(4)
    void szwSeesTheNationalFiguresWithoutTheChainCheckReservedToAuditors() {
        browser.signIn("szw", Api.PASSWORDS.get("szw"));
        browser.open("/?jaar=2022");
        assertThat(pageLines("table.cijfers[data-regel]"))
                .isEqualTo(apiLines("szw", "/api/v1/statements/2022", NATIONAL));
        assertThat(browser.driver().findElements(By.xpath("//button[text()='Keten nu controleren']")))
                .isEmpty();
        accessible("SZW's page");
        browser.screenshot("szw");
        browser.signOut();
    }

    @Test
    @Order(5)
    void theSignInPageIsAccessibleAndAWrongPasswordIsTold() {
        browser.driver().manage().deleteAllCookies();
        browser.open("/");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/inloggen");
        accessible("the sign-in page");
        browser.screenshot("inloggen");
        browser.driver().findElement(By.id("username")).sendKeys("kassier");
        browser.driver().findElement(By.id("password")).sendKeys("wrong");
        browser.submit(By.cssSelector("form.formulier button"));
        assertThat(browser.driver()
                        .findElement(By.cssSelector(".melding--fout"))
                        .getText())
                .contains("Inloggen is niet gelukt");
    }
}
