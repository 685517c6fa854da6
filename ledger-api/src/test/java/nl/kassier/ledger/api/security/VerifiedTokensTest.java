package nl.kassier.ledger.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/** A verified bearer token is remembered until its expiry, and nothing else is remembered. */
class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private final MovingClock clock = new MovingClock();
    private final List<String> verifications = new ArrayList<>();
    private final JwtDecoder verifier = token -> {
        verifications.add(token);
        if (token.startsWith("bad")) {
            throw new BadJwtException("signature does not match");
        }
        return Jwt.withTokenValue(token)
                .header("alg", "RS256")
                .subject("anna")
                .issuedAt(clock.instant())
                .expiresAt(clock.instant().plus(Duration.ofMinutes(5)))
                .build();
    };
    private final VerifiedTokens tokens = new VerifiedTokens(verifier, clock);

    @Test
    void verifiesATokenOnceUntilItExpires() {
        Jwt first = tokens.decode("token-1");
        clock.advance(Duration.ofMinutes(4));
        assertThat(tokens.decode("token-1")).isSameAs(first);
        assertThat(verifications).containsExactly("token-1");

        clock.advance(Duration.ofMinutes(1));
        tokens.decode("token-1");
        assertThat(verifications).as("verified again at its expiry").containsExactly("token-1", "token-1");
    }

    @Test
    void neverRemembersATokenThatFailed() {
        assertThatThrownBy(() -> tokens.decode("bad-1")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("bad-1")).isInstanceOf(BadJwtException.class);
        assertThat(verifications).containsExactly("bad-1", "bad-1");
        assertThat(tokens.size()).isZero();
    }

    @Test
    void remembersEachTokenByItsWholeText() {
        tokens.decode("token-1");
        tokens.decode("token-2");
        assertThat(verifications).containsExactly("token-1", "token-2");
    }

    private static final class MovingClock extends Clock {
        private Instant now = NOW;

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
