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
                "spring.security.oauth2.resourceserver.jwt.public-key-location=file:" + publicKey);
        api = service.api();
    }

    @AfterAll
    static void stop() {
        service.close();
        database.close();
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
    void refusesToStartWithoutAnExternalDatabase() {
        assertThatThrownBy(() -> ServiceInstance.start("production,test").close())
                .hasStackTraceContaining("LEDGER_DB_URL");
    }

    private static HttpRequest.Builder bearer(String token, String path) {
        return api.request(null, path).header("Authorization", "Bearer " + token);
    }

    private static String token(Map<String, Object> claims, KeyPair signer) throws Exception {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(600)));
        claims.forEach(builder::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), builder.build());
        jwt.sign(new RSASSASigner((RSAPrivateKey) signer.getPrivate()));
        return jwt.serialize();
    }
}
