package nl.kassier.ledger.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * HTTP Basic against the users file. Verifying a bcrypt hash costs tens of milliseconds of CPU, too much for every
 * request, so once a user's password has been verified its SHA-256 digest (never the password) is kept in memory and
 * later requests with the same password are checked against that digest. A wrong password always pays the full
 * bcrypt price. The cache holds at most one digest per user in the file.
 */
public final class UsersFileAuthenticationProvider implements AuthenticationProvider {

    private final Map<String, UsersFile.Entry> users;
    private final PasswordEncoder passwordEncoder;
    private final Map<String, byte[]> verifiedDigests = new ConcurrentHashMap<>();

    public UsersFileAuthenticationProvider(Map<String, UsersFile.Entry> users, PasswordEncoder passwordEncoder) {
        this.users = Map.copyOf(users);
        this.passwordEncoder = passwordEncoder;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName();
        Object credentials = authentication.getCredentials();
        UsersFile.Entry entry = users.get(username);
        if (entry == null || credentials == null) {
            throw new BadCredentialsException("bad credentials");
        }
        String presented = credentials.toString();
        byte[] digest = digest(username, presented);
        byte[] known = verifiedDigests.get(username);
        boolean valid = known != null && MessageDigest.isEqual(known, digest);
        if (!valid) {
            valid = passwordEncoder.matches(presented, entry.encodedPassword());
            if (valid) {
                verifiedDigests.put(username, digest);
            }
        }
        if (!valid) {
            throw new BadCredentialsException("bad credentials");
        }
        LedgerUser user = entry.user();
        return UsernamePasswordAuthenticationToken.authenticated(
                user, null, List.of(new SimpleGrantedAuthority("ROLE_" + user.role())));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
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
