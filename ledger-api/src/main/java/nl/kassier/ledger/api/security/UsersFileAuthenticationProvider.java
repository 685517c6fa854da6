package nl.kassier.ledger.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * HTTP Basic against the users file. Verifying a bcrypt hash costs tens of milliseconds of CPU, too much for every
 * request, so once a user's password has been verified its SHA-256 digest (never the password) is kept in memory and
 * later requests with the same password are checked against that digest. A wrong password always pays the full
 * bcrypt price, and so does an unknown user name (against a real user's hash), so that the answer's time does not tell
 * which names exist. Failed sign-ins are logged (name and address, never the password) and throttled per name and per
 * address ({@link SignInThrottle}). The cache holds at most one digest per user in the file.
 */
public final class UsersFileAuthenticationProvider implements AuthenticationProvider {

    private static final Logger LOG = LoggerFactory.getLogger(UsersFileAuthenticationProvider.class);
    private static final int LOGGED_NAME_LENGTH_MAX = 64;

    private final Map<String, UsersFile.Entry> users;
    private final PasswordEncoder passwordEncoder;
    private final SignInThrottle throttle;
    /** What an unknown name's password is checked against: a real user's hash, so it costs what a wrong one costs. */
    private final String decoyPassword;

    private final Map<String, byte[]> verifiedDigests = new ConcurrentHashMap<>();

    public UsersFileAuthenticationProvider(
            Map<String, UsersFile.Entry> users, PasswordEncoder passwordEncoder, SignInThrottle throttle) {
        this.users = Map.copyOf(users);
        this.passwordEncoder = passwordEncoder;
        this.throttle = throttle;
        this.decoyPassword = users.values().stream()
                .map(UsersFile.Entry::encodedPassword)
                .filter(encoded -> encoded.startsWith("{bcrypt}"))
                .findFirst()
                .orElseGet(() -> users.values().iterator().next().encodedPassword());
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName();
        String address = address(authentication);
        Optional<Duration> pause = throttle.pause(username, address);
        if (pause.isPresent()) {
            LOG.warn("sign-in refused for user {} from {}: too many failures", printable(username), address);
            throw new SignInThrottledException(pause.get());
        }
        Object credentials = authentication.getCredentials();
        String presented = credentials == null ? "" : credentials.toString();
        UsersFile.Entry entry = users.get(username);
        if (!matches(username, presented, entry)) {
            throttle.failed(username, address);
            LOG.warn("sign-in failed for user {} from {}", printable(username), address);
            throw new BadCredentialsException("bad credentials");
        }
        throttle.succeeded(username);
        LedgerUser user = entry.user();
        return authenticated(user);
    }

    private static Authentication authenticated(LedgerUser user) {
        return UsernamePasswordAuthenticationToken.authenticated(
                user, null, List.of(new SimpleGrantedAuthority("ROLE_" + user.role())));
    }

    private boolean matches(String username, String presented, UsersFile.Entry entry) {
        if (entry == null) {
            passwordEncoder.matches(presented, decoyPassword);
            return false;
        }
        byte[] digest = digest(username, presented);
        byte[] known = verifiedDigests.get(username);
        if (known != null && MessageDigest.isEqual(known, digest)) {
            return true;
        }
        if (passwordEncoder.matches(presented, entry.encodedPassword())) {
            verifiedDigests.put(username, digest);
            return true;
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
            if (Character.isISOControl(c) || c == '"') {
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
