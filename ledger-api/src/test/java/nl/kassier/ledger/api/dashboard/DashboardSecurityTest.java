package nl.kassier.ledger.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import nl.kassier.ledger.api.support.Api;
import nl.kassier.ledger.api.support.EventStore;
import nl.kassier.ledger.api.support.LedgerServiceTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The dashboard's sign-in, seen over plain HTTP as a browser would use it: a session only after the form, a form that
 * changes something only with its CSRF token, and a REST API that never takes the session for credentials nor starts
 * one. A step the user may not take, or one without its token, records nothing.
 */
@LedgerServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = "ledger.test-context=dashboard-security")
class DashboardSecurityTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Api api;
    String requested;

    @BeforeAll
    void aRequestAwaitingApproval() {
        api = new Api(port);
        api.post("szw", "/api/v1/amendments", """
                {"id":"dashboard-security","title":"Illustratieve verdeling (test)","effectiveFrom":"2021-03-26",
                 "allocations":[
                   {"region":"rijnmond","year":2022,"budgets":["AANVULLENDE_DIENSTVERLENING"],"amount":"10000.00"}]}
                """).ok(201);
        requested = api.post("fnv-rijnmond", "/api/v1/regions/rijnmond/reservations", """
                        {"year":2022,"budget":"AANVULLENDE_DIENSTVERLENING","menuItem":"MATCHING","amount":"500.00",
                         "candidate":{"ref":"sec-cand-1","targetGroup":"WW","jobLossDate":"2021-01-15","jobAgreement":false},
                         "date":"2022-03-01"}
                        """)
                .ok(201)
                .json()
                .get("id")
                .asText();
    }

    /** A browser: its own cookies, never following redirects, so that each answer is seen. */
    private final class Session {
        final HttpClient client = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();

        HttpResponse<String> get(String path) {
            return send(HttpRequest.newBuilder(uri(path)).GET());
        }

        HttpResponse<String> postForm(String path, Map<String, String> fields) {
            String body = fields.entrySet().stream()
                    .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            return send(HttpRequest.newBuilder(uri(path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
        }

        HttpResponse<String> send(HttpRequest.Builder request) {
            try {
                return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        String csrf(String page) {
            Matcher m = CSRF.matcher(get(page).body());
            assertThat(m.find()).as("a CSRF token on " + page).isTrue();
            return m.group(1);
        }

        void signIn(String user) {
            HttpResponse<String> signedIn = postForm(
                    "/inloggen",
                    Map.of("username", user, "password", Api.PASSWORDS.get(user), "_csrf", csrf("/inloggen")));
            assertThat(signedIn.statusCode()).isEqualTo(302);
            assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("fout");
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** A form without its CSRF token: back to {@code where}, told that nothing was recorded. */
    private static void refusedForItsToken(HttpResponse<String> refused, String where) {
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(refused.headers().firstValue("Location").orElse("")).endsWith(where);
    }

    @Test
    void aBrowserWithoutASessionIsSentToTheSignInForm() {
        HttpResponse<String> page = new Session().get("/");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElse("")).endsWith("/inloggen");
        assertThat(page.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void aVisitorWhoIsNotSignedInCostsNoSession() {
        Session browser = new Session();
        HttpResponse<String> home = browser.get("/");
        HttpResponse<String> signIn = browser.get("/inloggen");
        for (HttpResponse<String> answer : java.util.List.of(home, signIn)) {
            assertThat(answer.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith("JSESSIONID"));
        }
        assertThat(signIn.headers().allValues("Set-Cookie"))
                .anySatisfy(
                        cookie -> assertThat(cookie).startsWith("XSRF-TOKEN").contains("HttpOnly"));
    }

    @Test
    void signedInPagesAreNeverCached() {
        Session browser = new Session();
        browser.signIn("kassier");
        HttpResponse<String> page = browser.get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
    }

    @Test
    void theSignInPageCarriesAStrictContentSecurityPolicy() {
        HttpResponse<String> page = new Session().get("/inloggen");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("script-src 'self'")
                .contains("frame-ancestors 'none'");
        assertThat(page.body()).contains("lang=\"nl\"").contains("Inloggen");
    }

    @Test
    void aSignInWithoutItsCsrfTokenIsRefused() {
        Session browser = new Session();
        browser.get("/inloggen");
        HttpResponse<String> refused =
                browser.postForm("/inloggen", Map.of("username", "kassier", "password", Api.PASSWORDS.get("kassier")));
        refusedForItsToken(refused, "/inloggen?verlopen");
        assertThat(browser.get("/").statusCode()).as("still not signed in").isEqualTo(302);
    }

    @Test
    void anApprovalWithoutItsCsrfTokenChangesNothing() {
        Session browser = new Session();
        browser.signIn("coord-rijnmond");
        assertThat(browser.get("/?jaar=2022").statusCode()).isEqualTo(200);
        long before = new EventStore(jdbc).count();
        HttpResponse<String> refused = browser.postForm(
                "/dashboard/reserveringen/" + requested + "/goedkeuren", Map.of("datum", "2022-03-02"));
        refusedForItsToken(refused, "/?verlopen");
        assertThat(browser.get("/?verlopen").body()).contains("Het formulier was verlopen; er is niets vastgelegd");
        assertThat(new EventStore(jdbc).count()).isEqualTo(before);
        assertThat(api.get("coord-rijnmond", "/api/v1/reservations/" + requested)
                        .ok(200)
                        .json()
                        .get("status")
                        .asText())
                .isEqualTo("REQUESTED");
    }

    @Test
    void aFormSentAfterTheSessionExpiredRecordsNothingAndSaysSo() throws Exception {
        Session browser = new Session();
        String token = browser.csrf("/inloggen");
        // The session the browser names is gone (it timed out, or the node restarted); its CSRF cookie is still valid.
        browser.client
                .cookieHandler()
                .orElseThrow()
                .put(uri("/"), Map.of("Set-Cookie", java.util.List.of("JSESSIONID=expired-session; Path=/")));
        long before = new EventStore(jdbc).count();
        HttpResponse<String> answered = browser.postForm(
                "/dashboard/reserveringen/" + requested + "/goedkeuren", Map.of("datum", "2022-03-02", "_csrf", token));
        assertThat(answered.statusCode()).isEqualTo(302);
        assertThat(answered.headers().firstValue("Location").orElse("")).endsWith("/inloggen?verlopen");
        assertThat(browser.get("/inloggen?verlopen").body()).contains("Uw sessie was verlopen; er is niets vastgelegd");
        assertThat(new EventStore(jdbc).count()).isEqualTo(before);
    }

    @Test
    void aMistypedDashboardAddressIsAPageWithTheApisStatus() {
        Session browser = new Session();
        browser.signIn("auditor");
        HttpResponse<String> page = browser.get("/dashboard/verantwoording/abc.csv");
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("Dit kan niet").doesNotContain("Exception");
    }

    @Test
    void aCoordinatorOfAnotherRegionCannotApproveThroughThePage() {
        Session browser = new Session();
        browser.signIn("coord-drechtsteden");
        long before = new EventStore(jdbc).count();
        HttpResponse<String> answered = browser.postForm(
                "/dashboard/reserveringen/" + requested + "/goedkeuren",
                Map.of("datum", "2022-03-02", "_csrf", browser.csrf("/?jaar=2022")));
        assertThat(answered.statusCode()).isEqualTo(302);
        assertThat(browser.get(answered.headers()
                                .firstValue("Location")
                                .orElseThrow()
                                .replaceFirst("^https?://[^/]+", ""))
                        .body())
                .contains("Uw rol of regio staat dit niet toe");
        assertThat(new EventStore(jdbc).count()).isEqualTo(before);
    }

    @Test
    void theRestApiNeitherTakesTheSessionNorStartsOne() {
        Session browser = new Session();
        browser.signIn("kassier");
        HttpResponse<String> withCookieOnly = browser.get("/api/v1/regions/rijnmond/budgets/2022");
        assertThat(withCookieOnly.statusCode()).isEqualTo(401);
        assertThat(withCookieOnly.headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/problem+json");
        HttpResponse<String> withBasic = new Session()
                .send(api.request("kassier", "/api/v1/regions/rijnmond/budgets/2022")
                        .GET());
        assertThat(withBasic.statusCode()).isEqualTo(200);
        assertThat(withBasic.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void aSignedOutSessionSeesNothing() {
        Session browser = new Session();
        browser.signIn("auditor");
        assertThat(browser.get("/").statusCode()).isEqualTo(200);
        HttpResponse<String> out = browser.postForm("/uitloggen", Map.of("_csrf", browser.csrf("/")));
        assertThat(out.statusCode()).isEqualTo(302);
        assertThat(browser.get("/").statusCode()).isEqualTo(302);
    }
}
