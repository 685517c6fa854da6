package nl.kassier.ledger.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A candidate's ref is the partner's pseudonym: 3 to 64 letters, digits, '.', '_' or '-', starting with a letter or
 * digit, and never a BSN (8 or 9 digits passing the eleven-test). A stored ref the rule refuses is read as a stable
 * {@code legacy-} ref.
 */
class CandidateRefTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "abc",
                "c-1",
                "pseudonym-1",
                "A.b_c-9",
                "0ab",
                "123",
                "1234567", // 7 digits: no BSN
                "1234567820", // 10 digits: no BSN
                "123456789", // 9 digits failing the eleven-test
                "12345678", // 8 digits failing the eleven-test
            })
    void acceptsAPseudonym(String ref) {
        assertThat(CandidateRef.problem(ref)).isEmpty();
        assertThat(new CandidateRef(ref).value()).isEqualTo(ref);
    }

    @Test
    void acceptsThreeAndSixtyFourCharactersAndRefusesTwoAndSixtyFive() {
        assertThat(new CandidateRef("a".repeat(3)).value()).hasSize(3);
        assertThat(new CandidateRef("a".repeat(64)).value()).hasSize(64);
        assertThat(CandidateRef.LENGTH_MAX).isEqualTo(64);
        assertThatIllegalArgumentException().isThrownBy(() -> new CandidateRef("a".repeat(2)));
        assertThatIllegalArgumentException().isThrownBy(() -> new CandidateRef("a".repeat(65)));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(
            strings = {
                "",
                "a",
                "ab",
                "-abc", // must start with a letter or digit
                ".abc",
                "_abc",
                "c:1",
                "c 1",
                " abc",
                "abc ",
                "jan@example.nl",
                "c\u00E9-1",
                "c\u0000-1",
                "c\uD83D\uDE00-1",
            })
    void refusesWhatIsNotAPseudonym(String ref) {
        assertThat(CandidateRef.problem(ref)).isPresent();
        assertThatIllegalArgumentException().isThrownBy(() -> new CandidateRef(ref));
    }

    @ParameterizedTest
    @ValueSource(strings = {"123456782", "12345672", "111222333", "999999990"})
    void refusesABsn(String bsn) {
        assertThat(CandidateRef.isBsn(bsn)).isTrue();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new CandidateRef(bsn))
                .withMessageContaining("BSN");
    }

    @Test
    void tellsANumberPassingTheElevenTestFromOneFailingIt() {
        assertThat(CandidateRef.isBsn("123456782")).isTrue();
        assertThat(CandidateRef.isBsn("123456789")).isFalse();
        assertThat(CandidateRef.isBsn("12345672")).isTrue();
        assertThat(CandidateRef.isBsn("12345678")).isFalse();
        assertThat(CandidateRef.isBsn("1234567")).isFalse();
        assertThat(CandidateRef.isBsn("1234567820")).isFalse();
        assertThat(CandidateRef.isBsn("a23456782")).isFalse();
    }

    @Test
    void keepsAValidRefAsItIsWhenRepairing() {
        assertThat(CandidateRef.repaired("pseudonym-1")).isEqualTo(new CandidateRef("pseudonym-1"));
        assertThat(CandidateRef.repaired("a".repeat(64))).isEqualTo(new CandidateRef("a".repeat(64)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "c", "c:1", "123456782", "12345672", "c\u0000\uD83D"})
    void repairsARefusedRefIntoALegacyRef(String stored) {
        CandidateRef repaired = CandidateRef.repaired(stored);

        assertThat(repaired.value()).matches("legacy-[0-9a-f]{16}");
        assertThat(CandidateRef.problem(repaired.value())).isEmpty();
        assertThat(new CandidateRef(repaired.value())).isEqualTo(repaired);
    }

    @Test
    void repairsTheSameStoredRefToTheSameLegacyRefAndDifferentOnesApart() {
        String tooLong = "a".repeat(65);

        assertThat(CandidateRef.repaired(tooLong)).isEqualTo(CandidateRef.repaired(tooLong));
        assertThat(CandidateRef.repaired(tooLong)).isNotEqualTo(CandidateRef.repaired("b".repeat(65)));
        assertThat(CandidateRef.repaired(tooLong).value())
                .isEqualTo("legacy-"
                        + nl.kassier.ledger.core.shared.Digests.sha256(tooLong).substring(0, 16));
    }

    @Test
    void showsItsValue() {
        assertThat(new CandidateRef("pseudonym-1")).hasToString("pseudonym-1");
    }
}
