package nl.kassier.ledger.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever ref an earlier rule let into the store, it is read as a ref the current rule accepts. */
class CandidateRefPropertiesTest {

    /** Any UTF-16 text, text near the pseudonym pattern (also too short or too long), and numbers that may be BSNs. */
    @Provide
    static Arbitrary<String> storedRefs() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(100),
                Arbitraries.strings()
                        .alpha()
                        .numeric()
                        .withChars('.', '_', '-', ':', ' ', '@', '\u0000', '\uD83D')
                        .ofMaxLength(80),
                Arbitraries.strings().numeric().ofMinLength(7).ofMaxLength(10));
    }

    @Property
    void neverThrowsAndAlwaysYieldsARefTheRuleAccepts(@ForAll("storedRefs") String stored) {
        assertThatNoException().isThrownBy(() -> CandidateRef.repaired(stored));

        CandidateRef repaired = CandidateRef.repaired(stored);
        assertThat(CandidateRef.problem(repaired.value())).isEmpty();
        assertThat(new CandidateRef(repaired.value())).isEqualTo(repaired);
        assertThat(CandidateRef.repaired(stored)).isEqualTo(repaired);
    }

    @Property
    void keepsARefTheRuleAccepts(@ForAll("storedRefs") String stored) {
        if (CandidateRef.problem(stored).isEmpty()) {
            assertThat(CandidateRef.repaired(stored).value()).isEqualTo(stored);
        } else {
            assertThat(CandidateRef.repaired(stored).value()).startsWith("legacy-");
        }
    }
}
