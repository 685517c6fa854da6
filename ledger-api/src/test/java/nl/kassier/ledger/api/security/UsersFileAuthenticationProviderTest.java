package nl.kassier.ledger.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * An unknown name costs what a wrong password costs (one check against a real user's hash), so the answer's time does
 * not tell which names exist; a name is logged only in a form that cannot forge a log line.
 */
class UsersFileAuthenticationProviderTest {

    /** Records which encoded passwords were checked; accepts only "right" for "{test}right". */
    static final class RecordingEncoder implements PasswordEncoder {
        final List<String> checkedAgainst = new ArrayList<>();

        @Override
        public String encode(CharSequence raw) {
            return "{test}" + raw;
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            checkedAgainst.add(encoded);
            return encoded.equals("{test}" + raw);
        }
    }

    private final RecordingEncoder encoder = new RecordingEncoder();
    private final UsersFileAuthenticationProvider provider = new UsersFileAuthenticationProvider(
            Map.of(
                    "kassier",
                    new UsersFile.Entry(new LedgerUser("kassier", Role.KASSIER, Set.of(), null), "{test}right")),
            encoder,
            new SignInThrottle());

    @Test
    void checksAnUnknownNameAgainstARealHashOnceLikeAWrongPassword() {
        assertThatThrownBy(
                        () -> provider.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("nobody", "x")))
                .isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() ->
                        provider.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("kassier", "x")))
                .isInstanceOf(BadCredentialsException.class);

        assertThat(encoder.checkedAgainst).containsExactly("{test}right", "{test}right");
    }

    @Test
    void verifiesARightPasswordByItsHashOnceAndThenByItsDigest() {
        provider.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("kassier", "right"));
        provider.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("kassier", "right"));

        assertThat(encoder.checkedAgainst).hasSize(1);
    }

    @Test
    void logsANameWithoutItsControlCharactersAndNotEndlessly() {
        assertThat(UsersFileAuthenticationProvider.printable("kassier\nFAKE LOG LINE"))
                .isEqualTo("\"kassier\\u000aFAKE LOG LINE\"");
        assertThat(UsersFileAuthenticationProvider.printable("x".repeat(500))).hasSize(64 + 3);
    }
}
