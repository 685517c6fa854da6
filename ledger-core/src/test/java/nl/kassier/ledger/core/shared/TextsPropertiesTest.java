package nl.kassier.ledger.core.shared;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Whatever an earlier rule let into the store, its repair is text the current rule accepts. */
class TextsPropertiesTest {

    /**
     * Any UTF-16 text, and text made of the characters the rule is about: control characters at both ends of both
     * ranges, lone surrogate halves, white space, an emoji, plain letters.
     */
    @Provide
    static Arbitrary<String> storedTexts() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(700),
                Arbitraries.strings()
                        .withChars('\u0000', '\u001F', '\u007F', '\u009F', '\t', '\n', ' ', '\u00A0', '\u2003')
                        .withChars('\uD83D', '\uDE00', '\uDBFF', '\uDC00', '\uFFFD')
                        .withChars('a', 'Z', '0', '…')
                        .ofMaxLength(700),
                Arbitraries.strings()
                        .withChars('a', ' ', '\uD83D', '\uDE00')
                        .ofMinLength(400)
                        .ofMaxLength(1200));
    }

    @Property
    void repairsAnyTextIntoTextTheRuleAccepts(
            @ForAll("storedTexts") String stored, @ForAll @IntRange(min = 1, max = 600) int lengthMax) {
        String repaired = Texts.repair(stored, lengthMax);

        assertThat(Texts.problem(repaired, lengthMax))
                .as("%s, at most %d", repaired, lengthMax)
                .isEmpty();
        assertThat(Texts.require(repaired, lengthMax)).isEqualTo(repaired);
    }

    @Property
    void leavesTextTheRuleAcceptsAsItIsButTrimmed(
            @ForAll("storedTexts") String stored, @ForAll @IntRange(min = 1, max = 600) int lengthMax) {
        if (Texts.problem(stored, lengthMax).isEmpty()) {
            assertThat(Texts.repair(stored, lengthMax)).isEqualTo(stored.strip());
        }
    }

    @Property
    void repairsEachFreeTextTypeIntoAValueItsConstructorAccepts(@ForAll("storedTexts") String stored) {
        assertThat(new Reason(Reason.repaired(stored).value())).isEqualTo(Reason.repaired(stored));
        assertThat(new Reference(Reference.repaired(stored).value())).isEqualTo(Reference.repaired(stored));
        assertThat(new Description(Description.repaired(stored).value())).isEqualTo(Description.repaired(stored));
    }
}
