package nl.kassier.ledger.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import nl.kassier.ledger.core.shared.Role;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * An unknown name costs what a wrong password costs (one check against a real user's hash), so the answer's time does
 * not tell which names exist; a name is logged only in a form that cannot forge a log line.
 */
class UsersFileAuthenticationProviderTest {

    /** Records which encoded passwords were checked; accepts only "right" for "{test}right". */
    static final class RecordingEncoder implements PasswordEncoder {
        final List<String> checkedAgainst = Collections.synchronizedList(new ArrayList<>());

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
    void aHundredParallelFirstRequestsOfTheRightfulUserAllSucceedForOneCheck() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(100);
        try {
            List<Callable<Authentication>> requests = IntStream.range(0, 100)
                    .mapToObj(i -> (Callable<Authentication>) () -> provider.authenticate(
                            UsernamePasswordAuthenticationToken.unauthenticated("kassier", "right")))
                    .toList();
            for (Future<Authentication> answer : pool.invokeAll(requests)) {
                assertThat(answer.get().isAuthenticated()).isTrue();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(encoder.checkedAgainst).containsExactly("{test}right");
    }

    @Test
    void aGuesserPausesTheNameButNotTheUserWhosePasswordWasVerified() throws Exception {
        provider.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("kassier", "right"));
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<Object>> guesses = IntStream.range(0, 20)
                    .mapToObj(i -> (Callable<Object>) () -> {
                        try {
                            return provider.authenticate(
                                    UsernamePasswordAuthenticationToken.unauthenticated("kassier", "guess-" + i));
                        } catch (RuntimeException refused) {
                            return refused;
                        }
                    })
                    .toList();
            List<Object> answers = new ArrayList<>();
            for (Future<Object> answer : pool.invokeAll(guesses)) {
                answers.add(answer.get());
            }
            // Parallel guesses are checked one at a time: no more of them reach bcrypt than serial ones would.
            assertThat(answers)
                    .filteredOn(BadCredentialsException.class::isInstance)
                    .hasSize(SignInThrottle.PAIR_ATTEMPTS_FREE + 1);
            assertThat(answers)
                    .filteredOn(SignInThrottledException.class::isInstance)
                    .hasSize(20 - SignInThrottle.PAIR_ATTEMPTS_FREE - 1);
        } finally {
            pool.shutdown();
        }

        assertThat(provider.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("kassier", "right"))
                        .isAuthenticated())
                .isTrue();
    }

    @Test
    void everyFailurePaysOneBcryptCheckWhateverTheName() {
        assertThatThrownBy(
                        () -> provider.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("nobody", "x")))
                .isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() ->
                        provider.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("kassier", "x")))
                .isInstanceOf(BadCredentialsException.class);

        // The unknown name against the decoy; the wrong password against the user's cheap hash, then the decoy too.
        assertThat(encoder.checkedAgainst).hasSize(3);
        assertThat(encoder.checkedAgainst.get(0)).startsWith("{bcrypt}");
        assertThat(encoder.checkedAgainst.get(1)).isEqualTo("{test}right");
        assertThat(encoder.checkedAgainst.get(2)).isEqualTo(encoder.checkedAgainst.get(0));
    }

    @Test
    void aWrongPasswordOfAUserWithACheapHashCostsTheDecoyToo() {
        RecordingEncoder cheap = new RecordingEncoder();
        UsersFileAuthenticationProvider withNoop = new UsersFileAuthenticationProvider(
                Map.of(
                        "bcrypt-user",
                        new UsersFile.Entry(new LedgerUser("bcrypt-user", Role.AUDITOR, Set.of(), null), "{bcrypt}x"),
                        "noop-user",
                        new UsersFile.Entry(new LedgerUser("noop-user", Role.AUDITOR, Set.of(), null), "{noop}y")),
                cheap,
                new SignInThrottle());

        assertThatThrownBy(() ->
                        withNoop.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("noop-user", "z")))
                .isInstanceOf(BadCredentialsException.class);

        assertThat(cheap.checkedAgainst).containsExactly("{noop}y", "{bcrypt}x");
    }

    @Test
    void refusesANameNoUserCanHaveWithoutAnyCheck() {
        assertThatThrownBy(() -> provider.authenticate(
                        UsernamePasswordAuthenticationToken.unauthenticated("n".repeat(10_000), "x")))
                .isInstanceOf(BadCredentialsException.class);
        assertThat(encoder.checkedAgainst).isEmpty();
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
