package nl.kassier.ledger.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.Map;
import nl.kassier.ledger.api.support.Api;
import nl.kassier.ledger.api.support.Api.Response;
import nl.kassier.ledger.api.support.LedgerServiceTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Password guessing over HTTP Basic: after a few wrong passwords for a name, every attempt on it is refused with 429
 * and {@code Retry-After}, the right password included, without a bcrypt check; each failure is logged with the name
 * and the address, never the password. (A context of its own: its failures must not pause other tests.)
 */
@LedgerServiceTest
@TestPropertySource(properties = "ledger.test-context=sign-in-throttle")
@ExtendWith(OutputCaptureExtension.class)
class SignInThrottleApiTest {

    @LocalServerPort
    int port;

    @Test
    void pausesANameAfterAFewWrongPasswordsAndLogsEachFailure(CapturedOutput output) throws Exception {
        Api guesser = new Api(port, Map.of("coord-drechtsteden", "guess-123"));
        for (int i = 0; i < SignInThrottle.PAIR_ATTEMPTS_FREE; i++) {
            assertThat(guesser.get("coord-drechtsteden", "/api/v1/regions").status())
                    .isEqualTo(401);
        }

        Response paused = guesser.get("coord-drechtsteden", "/api/v1/regions");
        HttpResponse<String> pausedRight = HttpClient.newHttpClient()
                .send(
                        new Api(port)
                                .request("coord-drechtsteden", "/api/v1/regions")
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        // The sixth failure starts the pause; every attempt after it waits it out.
        assertThat(paused.status()).isEqualTo(401);
        assertThat(pausedRight.statusCode()).isEqualTo(429);
        assertThat(pausedRight.headers().firstValue("Retry-After")).isPresent();
        assertThat(pausedRight.body()).contains("TOO_MANY_REQUESTS");
        assertThat(new Api(port).get("auditor", "/api/v1/regions").status())
                .as("another name goes on")
                .isEqualTo(200);
        assertThat(output.getAll())
                .containsPattern("sign-in failed for user \"coord-drechtsteden\" from [0-9a-f.:]+")
                .contains("sign-in refused for user \"coord-drechtsteden\"")
                .doesNotContain("guess-123");
    }
}
