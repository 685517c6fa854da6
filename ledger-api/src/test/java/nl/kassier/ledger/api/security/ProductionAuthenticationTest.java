package nl.kassier.ledger.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import nl.kassier.ledger.api.support.Api;
import nl.kassier.ledger.api.support.Api.Response;
import nl.kassier.ledger.api.support.ServiceInstance;
import nl.kassier.ledger.infra.database.EmbeddedDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The production profile: only bearer JWTs signed by the configured key, carrying role, region and organisation. */
class ProductionAuthenticationTest {

    private static final String AUDIENCE = "kassier-ledger";

    @TempDir
    static Path dir;

    static KeyPair keys;
    static EmbeddedDatabase database;
    static ServiceInstance service;
    static Api api;

    @BeforeAll
    static void start() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        Path publicKey = dir.resolve("jwt.pub");
        Files.writeString(
                publicKey,
                "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder()
                                .encodeToString(keys.getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n",
                StandardCharsets.US_ASCII);
        database = EmbeddedDatabase.start(dir.resolve("pg"));
        service = ServiceInstance.start(
                "production,test",
                "ledger.db.url=" + database.jdbcUrl(),
                "ledger.db.user=" + EmbeddedDatabase.USER,
                "ledger.db.password=" + database.password(),
                "spring.security.oauth2.resourceserver.jwt.public-key-location=file:" + publicKey,
                "ledger.jwt.audience=" + AUDIENCE,
                // The dashboard's OpenID Connect sign-in, registered as the environment would.
                "spring.security.oauth2.client.registration.kassier.client-id=kassier-dashboard",
                "spring.security.oauth2.client.registration.kassier.client-secret=not-a-secret",
                "spring.security.oauth2.client.registration.kassier.client-name=Test-IdP",
                "spring.security.oauth2.client.registration.kassier.scope=openid",
                "spring.security.oauth2.client.registration.kassier.authorization-grant-type=authorization_code",
                "spring.security.oauth2.client.registration.kassier.redirect-uri={baseUrl}/login/oauth2/code/{registrationId}",
                "spring.security.oauth2.client.registration.kassier.provider=idp",
                "spring.security.oauth2.client.provider.idp.authorization-uri=https://idp.example/authorize",
                "spring.security.oauth2.client.provider.idp.token-uri=https://idp.example/token",
                "spring.security.oauth2.client.provider.idp.jwk-set-uri=https://idp.example/jwks",
                "spring.security.oauth2.client.provider.idp.user-name-attribute=sub");
        api = service.api();
    }

    @AfterAll
    static void stop() {
        service.close();
        database.close();
    }

    @Test
    void theDashboardSignsInWithOpenIdConnectAtTheRegisteredProvider() throws Exception {
        java.net.http.HttpClient browser = java.net.http.HttpClient.newBuilder()
                .cookieHandler(new java.net.CookieManager())
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
                .build();
        String base = "http://localhost:" + service.port();
        java.net.http.HttpResponse<String> page = browser.send(
                HttpRequest.newBuilder(java.net.URI.create(base + "/")).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElse("")).endsWith("/inloggen");
        java.net.http.HttpResponse<String> signIn = browser.send(
                HttpRequest.newBuilder(java.net.URI.create(base + "/inloggen"))
                        .GET()
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(signIn.body()).contains("Inloggen via Test-IdP").contains("/oauth2/authorization/kassier");
        assertThat(signIn.body()).doesNotContain("type=\"password\"");
        java.net.http.HttpResponse<String> toProvider = browser.send(
                HttpRequest.newBuilder(java.net.URI.create(base + "/oauth2/authorization/kassier"))
                        .GET()
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(toProvider.statusCode()).isEqualTo(302);
        assertThat(toProvider.headers().firstValue("Location").orElse(""))
                .startsWith("https://idp.example/authorize?")
                .contains("client_id=kassier-dashboard")
                .contains("scope=openid")
                .contains("nonce=");
    }

    @Test
    void acceptsASignedTokenAndActsAsItsSubject() throws Exception {
        String token = token(Map.of("sub", "szw-publisher", "role", "SZW", "organisation", "SZW"), keys);

        Response created = api.send(bearer(token, "/api/v1/amendments")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"id":"via-jwt","title":"Gepubliceerd met een token","effectiveFrom":"2022-01-01"}
                        """)));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("recordedBy").asText()).isEqualTo("szw-publisher");
    }

    @Test
    void appliesTheRoleOfTheToken() throws Exception {
        String token = token(Map.of("sub", "coordinator", "role", "COORDINATOR", "region", "rijnmond"), keys);

        Response refused = api.send(bearer(token, "/api/v1/amendments")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"id\":\"x\",\"title\":\"t\",\"effectiveFrom\":\"2022-01-01\"}")));
        Response read = api.send(bearer(token, "/api/v1/regions").GET());

        assertThat(refused.status()).isEqualTo(403);
        assertThat(read.status()).isEqualTo(200);
    }

    @Test
    void refusesBasicAuthenticationTokensSignedByAnotherKeyExpiredTokensAndUnknownRoles() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String foreign = token(Map.of("sub", "x", "role", "SZW"), generator.generateKeyPair());
        String expired = token(
                Map.of("sub", "x", "role", "SZW", "exp", Date.from(Instant.now().minusSeconds(3600))), keys);
        String unknownRole = token(Map.of("sub", "x", "role", "MINISTER"), keys);
        String unknownRegion = token(Map.of("sub", "x", "role", "COORDINATOR", "region", "atlantis"), keys);

        assertThat(api.get("szw", "/api/v1/regions").status()).isEqualTo(401);
        // The challenge names the scheme this service accepts.
        java.net.http.HttpResponse<String> challenge = java.net.http.HttpClient.newHttpClient()
                .send(
                        api.request("szw", "/api/v1/regions").GET().build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(challenge.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"kassier\"");
        for (String token : List.of(foreign, expired, unknownRole, unknownRegion)) {
            Response refused = api.send(bearer(token, "/api/v1/regions").GET());
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.code()).isEqualTo("UNAUTHENTICATED");
        }
    }

    @Test
    void refusesTokensWithoutExpiryForAnotherAudienceOrWithClaimsNoUserCanHave() throws Exception {
        String noExpiry = sign(
                new JWTClaimsSet.Builder()
                        .subject("x")
                        .audience(AUDIENCE)
                        .claim("role", "SZW")
                        .build(),
                keys);
        String otherAudience = sign(
                new JWTClaimsSet.Builder()
                        .subject("x")
                        .audience("another-service")
                        .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                        .claim("role", "SZW")
                        .build(),
                keys);
        String noAudience = sign(
                new JWTClaimsSet.Builder()
                        .subject("x")
                        .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                        .claim("role", "SZW")
                        .build(),
                keys);
        String coordinatorOfTwo =
                token(Map.of("sub", "c", "role", "COORDINATOR", "regions", List.of("rijnmond", "twente")), keys);
        String coordinatorOfNone = token(Map.of("sub", "c", "role", "COORDINATOR"), keys);
        String partnerWithoutOrganisation =
                token(Map.of("sub", "p", "role", "PARTNER", "regions", List.of("rijnmond")), keys);
        String subjectTooLong = token(Map.of("sub", "s".repeat(129), "role", "SZW"), keys);
        String subjectWithControlCharacter = token(Map.of("sub", "szw\0", "role", "SZW"), keys);
        String unknownOrganisationType = token(
                Map.of(
                        "sub",
                        "p",
                        "role",
                        "PARTNER",
                        "organisation",
                        "Bank",
                        "organisationType",
                        "BANK",
                        "regions",
                        List.of("rijnmond")),
                keys);

        for (String token : List.of(
                unknownOrganisationType,
                noExpiry,
                otherAudience,
                noAudience,
                coordinatorOfTwo,
                coordinatorOfNone,
                partnerWithoutOrganisation,
                subjectTooLong,
                subjectWithControlCharacter)) {
            Response refused = api.send(bearer(token, "/api/v1/regions").GET());
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.code()).isEqualTo("UNAUTHENTICATED");
        }
        // A subject of exactly 128 characters is a user.
        String longest = token(Map.of("sub", "s".repeat(128), "role", "SZW"), keys);
        assertThat(api.send(bearer(longest, "/api/v1/regions").GET()).status()).isEqualTo(200);
    }

    @Test
    void aPartnerNamedLikeTheCoordinatorCannotActOnTheCoordinatorsReservation() throws Exception {
        String szw = token(Map.of("sub", "szw-publisher", "role", "SZW", "organisation", "SZW"), keys);
        Response allocated = api.send(bearer(szw, "/api/v1/amendments")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"id":"jwt-owner","title":"Illustratieve verdeling (test)","effectiveFrom":"2022-01-01",
                         "allocations":[{"region":"rijnmond","year":2022,"budgets":["AANVULLENDE_DIENSTVERLENING"],
                                         "amount":"10000.00"}]}
                        """)));
        assertThat(allocated.status()).as(allocated.body()).isEqualTo(201);
        // The coördinator is of an organisation too: only the requester's role tells its reservation from a partner's.
        String coordinator =
                token(Map.of("sub", "anna", "role", "COORDINATOR", "region", "rijnmond", "organisation", "FNV"), keys);
        Response reserved = api.send(bearer(coordinator, "/api/v1/regions/rijnmond/reservations")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"year":2022,"budget":"AANVULLENDE_DIENSTVERLENING","menuItem":"MATCHING","amount":"100.00",
                         "candidate":{"ref":"jwt-owner-1","targetGroup":"WW","jobLossDate":"2021-01-15"},
                         "date":"2022-07-01"}
                        """)));
        assertThat(reserved.status()).as(reserved.body()).isEqualTo(201);
        String id = reserved.json().get("id").asText();
        String sameNamedPartner = token(
                Map.of("sub", "anna", "role", "PARTNER", "organisation", "FNV", "regions", List.of("rijnmond")), keys);

        Response committed = api.send(bearer(sameNamedPartner, "/api/v1/reservations/" + id + "/commit")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"amount\":\"100.00\"}")));

        assertThat(committed.status()).as(committed.body()).isEqualTo(403);
        assertThat(committed.code()).isEqualTo("FORBIDDEN");
    }

    @Test
    void refusesToStartWithoutAnAudience() {
        assertThatThrownBy(() -> ServiceInstance.start(
                                "production,test",
                                "ledger.db.url=" + database.jdbcUrl(),
                                "ledger.db.user=" + EmbeddedDatabase.USER,
                                "ledger.db.password=" + database.password(),
                                "spring.security.oauth2.resourceserver.jwt.public-key-location=file:"
                                        + dir.resolve("jwt.pub"))
                        .close())
                .hasStackTraceContaining("LEDGER_JWT_AUDIENCE");
    }

    @Test
    void refusesToStartWithoutAnExternalDatabase() {
        assertThatThrownBy(() -> ServiceInstance.start("production,test", "ledger.jwt.audience=" + AUDIENCE)
                        .close())
                .hasStackTraceContaining("LEDGER_DB_URL");
    }

    private static HttpRequest.Builder bearer(String token, String path) {
        return api.request(null, path).header("Authorization", "Bearer " + token);
    }

    private static String token(Map<String, Object> claims, KeyPair signer) throws Exception {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .issueTime(new Date())
                .audience(AUDIENCE)
                .expirationTime(Date.from(Instant.now().plusSeconds(600)));
        claims.forEach(builder::claim);
        return sign(builder.build(), signer);
    }

    private static String sign(JWTClaimsSet claims, KeyPair signer) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        jwt.sign(new RSASSASigner((RSAPrivateKey) signer.getPrivate()));
        return jwt.serialize();
    }
}
