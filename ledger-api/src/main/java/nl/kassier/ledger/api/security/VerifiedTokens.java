package nl.kassier.ledger.api.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * A bearer token verified once is remembered until it expires, so that a client sending the same token with every
 * request pays for the signature check and the claim validation once, not each time. Only a token that passed both is
 * remembered, keyed by its whole text; it is forgotten at its {@code exp} (never later), and at most
 * {@link #TOKENS_MAX} are held, the least used given up first.
 */
final class VerifiedTokens implements JwtDecoder {

    static final int TOKENS_MAX = 10_000;

    private final JwtDecoder verifier;
    private final Clock clock;
    private final Cache<String, Jwt> verified;

    VerifiedTokens(JwtDecoder verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(TOKENS_MAX)
                .expireAfter(new Expiry<String, Jwt>() {
                    @Override
                    public long expireAfterCreate(String token, Jwt jwt, long currentTime) {
                        return Math.max(
                                0,
                                Duration.between(clock.instant(), jwt.getExpiresAt())
                                        .toNanos());
                    }

                    @Override
                    public long expireAfterUpdate(String token, Jwt jwt, long currentTime, long currentDuration) {
                        return currentDuration;
                    }

                    @Override
                    public long expireAfterRead(String token, Jwt jwt, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt remembered = verified.getIfPresent(token);
        Instant now = clock.instant();
        if (remembered != null && remembered.getExpiresAt().isAfter(now)) {
            return remembered;
        }
        Jwt jwt = verifier.decode(token);
        // The profile refuses a token without an expiry; one the verifier let through anyway is never remembered.
        if (jwt.getExpiresAt() != null && jwt.getExpiresAt().isAfter(now)) {
            verified.put(token, jwt);
        }
        return jwt;
    }

    long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }
}
