package nl.kassier.ledger.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.Texts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * HTTP Basic against the users file. Verifying a bcrypt hash costs tens of milliseconds of CPU, too much for every
 * request, so once a user's password has been verified its SHA-256 digest (never the password) is kept in memory and
 * later requests with the same password are checked against that digest. A wrong password always pays the full
 * bcrypt price, and so does an unknown user name, so that the answer's time does not tell which names exist. Failed
 * sign-ins are logged (name and address, never the password), and attempts are throttled per name and per address
 * ({@link SignInThrottle}); a password verified before is no guess and is neither counted nor paused, so a guesser
 * cannot lock out a user who is signed in. The cache holds at most one digest per user in the file.
 */
public final class UsersFileAuthenticationProvider implements AuthenticationProvider {

    private static final Logger LOG = LoggerFactory.getLogger(UsersFileAuthenticationProvider.class);
    private static final int LOGGED_NAME_LENGTH_MAX = 64;
    private static final int NAME_LOCKS = 64;

    private final Map<String, UsersFile.Entry> users;
    private final PasswordEncoder passwordEncoder;
    private final SignInThrottle throttle;
    /**
     * A bcrypt hash that every failure pays for once: an unknown name is checked against it, and so is a wrong
     * password of a user whose own hash is cheap ({@code {noop}}). A real user's bcrypt hash where there is one, so
     * that the cost is the users' own.
     */
    private final String decoyPassword;

    private final Map<String, byte[]> verifiedDigests = new ConcurrentHashMap<>();
    private final ReentrantLock[] nameLocks = new ReentrantLock[NAME_LOCKS];

    public UsersFileAuthenticationProvider(
            Map<String, UsersFile.Entry> users, PasswordEncoder passwordEncoder, SignInThrottle throttle) {
        this.users = Map.copyOf(users);
        this.passwordEncoder = passwordEncoder;
        this.throttle = throttle;
        Arrays.setAll(nameLocks, i -> new ReentrantLock());
        this.decoyPassword = users.values().stream()
                .map(UsersFile.Entry::encodedPassword)
                .filter(UsersFileAuthenticationProvider::isBcrypt)
                .findFirst()
                .orElseGet(() -> "{bcrypt}"
                        + new BCryptPasswordEncoder().encode(UUID.randomUUID().toString()));
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName();
        String address = address(authentication);
        if (!isPossibleName(username)) {
            // No user can have such a name (see LedgerUser): refused at once, counted for the address alone, and
            // never kept as a name.
            throttle.attempt(null, address);
            LOG.warn("sign-in failed for a name no user can have from {}", address);
            throw new BadCredentialsException("bad credentials");
        }
        Object credentials = authentication.getCredentials();
        String presented = credentials == null ? "" : credentials.toString();
        UsersFile.Entry entry = users.get(username);
        byte[] digest = entry == null ? null : digest(username, presented);
        if (verifiedBefore(username, digest)) {
            // The password bcrypt accepted before: no guess, so neither counted nor paused.
            return authenticated(entry.user());
        }
        ReentrantLock lock = lockFor(username);
        lock.lock();
        try {
            if (verifiedBefore(username, digest)) {
                return authenticated(entry.user());
            }
            Optional<Duration> pause = throttle.attempt(username, address);
            if (pause.isPresent()) {
                LOG.warn("sign-in refused for user {} from {}: too many attempts", printable(username), address);
                throw new SignInThrottledException(pause.get());
            }
            if (!matches(presented, entry)) {
                LOG.warn("sign-in failed for user {} from {}", printable(username), address);
                throw new BadCredentialsException("bad credentials");
            }
            verifiedDigests.put(username, digest);
            throttle.succeeded(username, address);
            return authenticated(entry.user());
        } finally {
            lock.unlock();
        }
    }

    private boolean verifiedBefore(String username, byte[] digest) {
        byte[] known = digest == null ? null : verifiedDigests.get(username);
        return known != null && MessageDigest.isEqual(known, digest);
    }

    /**
     * The lock under which a name's passwords are checked, one at a time: parallel guesses are then counted and
     * checked as serial ones are, and parallel first requests of the rightful user pay for one bcrypt check, not many.
     */
    private ReentrantLock lockFor(String username) {
        return nameLocks[Math.floorMod(username.hashCode(), nameLocks.length)];
    }

    /** Whether a user could have this name: the rule of {@link LedgerUser}, checked before the name is kept. */
    private static boolean isPossibleName(String username) {
        return username != null
                && username.codePointCount(0, username.length()) <= Actor.USERNAME_LENGTH_MAX
                && Texts.isClean(username);
    }

    private static boolean isBcrypt(String encoded) {
        return encoded.startsWith("{bcrypt}");
    }

    private static Authentication authenticated(LedgerUser user) {
        return UsernamePasswordAuthenticationToken.authenticated(
                user, null, List.of(new SimpleGrantedAuthority("ROLE_" + user.role())));
    }

    /** Whether {@code presented} is the user's password; a failure costs one bcrypt check, whoever the name is. */
    private boolean matches(String presented, UsersFile.Entry entry) {
        if (entry == null) {
            passwordEncoder.matches(presented, decoyPassword);
            return false;
        }
        if (passwordEncoder.matches(presented, entry.encodedPassword())) {
            return true;
        }
        if (!isBcrypt(entry.encodedPassword())) {
            passwordEncoder.matches(presented, decoyPassword);
        }
        return false;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static String address(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress()
                : null;
    }

    /** A name as a log line may show it: no control characters (no forged lines), and not endless. */
    static String printable(String name) {
        if (name == null) {
            return "(none)";
        }
        StringBuilder shown = new StringBuilder();
        name.codePoints().limit(LOGGED_NAME_LENGTH_MAX).forEach(c -> {
            if (Texts.isControl(c) || c == '"') {
                shown.append(String.format("\\u%04x", c));
            } else {
                shown.appendCodePoint(c);
            }
        });
        return "\"" + shown + (name.codePointCount(0, name.length()) > LOGGED_NAME_LENGTH_MAX ? "…\"" : "\"");
    }

    private static byte[] digest(String username, String password) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(username.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            return sha256.digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
