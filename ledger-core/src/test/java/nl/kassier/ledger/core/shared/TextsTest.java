package nl.kassier.ledger.core.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one rule for free text, at each of its boundaries: the length in characters (code points) once trimmed, control
 * characters, lone surrogates, blank values; and the repair of stored values into values the rule accepts.
 */
class TextsTest {

    /** An emoji outside the Basic Multilingual Plane: two UTF-16 chars, one character. */
    private static final String EMOJI = "\uD83D\uDE00";

    /** Each free-text value type: its name, its maximum, its strict constructor and its repair. */
    static Stream<Arguments> freeTextTypes() {
        return Stream.of(
                type("Reason", Reason.LENGTH_MAX, Reason::new, Reason::repaired),
                type("Reference", Reference.LENGTH_MAX, Reference::new, Reference::repaired),
                type("Description", Description.LENGTH_MAX, Description::new, Description::repaired));
    }

    private static Arguments type(
            String name, int max, Function<String, Object> create, Function<String, Object> repair) {
        return Arguments.of(name, max, create, repair);
    }

    @Nested
    class TheRule {

        @Test
        void acceptsTextOfExactlyTheMaximumAndRefusesOneCharacterMore() {
            assertThat(Texts.problem("a".repeat(500), 500)).isEmpty();
            assertThat(Texts.problem("a".repeat(501), 500)).contains("at most 500 characters");
        }

        @Test
        void countsASurrogatePairAsOneCharacter() {
            String fiveHundred = "a".repeat(499) + EMOJI;
            assertThat(fiveHundred).hasSize(501);

            assertThat(Texts.problem(fiveHundred, 500)).isEmpty();
            assertThat(Texts.problem(EMOJI.repeat(3), 3)).isEmpty();
            assertThat(Texts.problem(EMOJI.repeat(4), 3)).isPresent();
            assertThat(Texts.problem("a".repeat(500) + EMOJI, 500)).isPresent();
        }

        @Test
        void measuresTheLengthOnceTrimmed() {
            assertThat(Texts.problem("  " + "a".repeat(10) + "  ", 10)).isEmpty();
            assertThat(Texts.require("  klaar  ", 10)).isEqualTo("klaar");
        }

        @ParameterizedTest
        @ValueSource(strings = {"\u0000", "\u001F", "\u007F", "\u009F", "\t", "\n", "\r", "\u0085"})
        void refusesControlCharacters(String control) {
            for (String text : new String[] {"a" + control + "b", control + "ab", "ab" + control, control}) {
                assertThat(Texts.problem(text, 100)).as(text).hasValueSatisfying(problem -> assertThat(problem)
                        .contains("control characters"));
            }
            assertThat(Texts.isClean("a" + control + "b")).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"\u0020", "\u007E", "\u00A0", "\u00E9", "\u20AC", "\uFFFD"})
        void acceptsTheCharactersNextToTheControlRanges(String character) {
            assertThat(Texts.problem("a" + character + "b", 100)).isEmpty();
            assertThat(Texts.isClean("a" + character + "b")).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"\uD83D", "\uDE00", "a\uD83Db", "a\uDE00b", "\uDE00\uD83D", "ab\uD83D"})
        void refusesLoneSurrogates(String text) {
            assertThat(Texts.problem(text, 100))
                    .hasValueSatisfying(problem -> assertThat(problem).contains("lone surrogate"));
            assertThat(Texts.isClean(text)).isFalse();
        }

        @Test
        void acceptsAProperSurrogatePair() {
            assertThat(Texts.problem(EMOJI, 1)).isEmpty();
            assertThat(Texts.problem("klaar " + EMOJI + " echt", 100)).isEmpty();
            assertThat(Texts.isClean(EMOJI)).isTrue();
        }

        @ParameterizedTest
        @NullSource
        @ValueSource(strings = {"", " ", "   ", "\u2003", " \u3000 "})
        void refusesMissingAndBlankText(String text) {
            assertThat(Texts.problem(text, 100)).isPresent();
            assertThatIllegalArgumentException().isThrownBy(() -> Texts.require(text, 100));
        }

        @Test
        void refusesWithTheProblemAsItsMessage() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> Texts.require("a".repeat(11), 10))
                    .withMessage("at most 10 characters");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> Texts.require("ab\u0000", 10))
                    .withMessageContaining("U+0000");
        }
    }

    @Nested
    class Repair {

        @Test
        void replacesControlCharactersAndLoneSurrogates() {
            assertThat(Texts.repair("a\u0000b", 100)).isEqualTo("a\uFFFDb");
            assertThat(Texts.repair("a\u001F\u007F\u009Fb", 100)).isEqualTo("a\uFFFD\uFFFD\uFFFDb");
            assertThat(Texts.repair("a\uD83Db", 100)).isEqualTo("a\uFFFDb");
            assertThat(Texts.repair("a\uDE00b", 100)).isEqualTo("a\uFFFDb");
        }

        @Test
        void keepsAProperSurrogatePair() {
            assertThat(Texts.repair("a" + EMOJI + "b", 100)).isEqualTo("a" + EMOJI + "b");
        }

        @Test
        void leavesCleanTextAsItIsButTrimmed() {
            assertThat(Texts.repair("geen plek", 100)).isEqualTo("geen plek");
            assertThat(Texts.repair("  geen plek  ", 100)).isEqualTo("geen plek");
        }

        @Test
        void cutsTooLongTextToTheMaximumEndingInAnEllipsis() {
            String repaired = Texts.repair("a".repeat(600), 500);

            assertThat(repaired).hasSize(500).endsWith("…").startsWith("a".repeat(499));
            assertThat(Texts.problem(repaired, 500)).isEmpty();
            assertThat(Texts.repair("a".repeat(500), 500)).isEqualTo("a".repeat(500));
        }

        @Test
        void neverCutsASurrogatePairInTwo() {
            String repaired = Texts.repair("a" + EMOJI + "b" + EMOJI, 3);

            assertThat(repaired).isEqualTo("a" + EMOJI + "…");
            assertThat(Texts.problem(repaired, 3)).isEmpty();
            assertThat(Texts.repair(EMOJI.repeat(3), 3)).isEqualTo(EMOJI.repeat(3));
        }

        @Test
        void makesBlankTextAReplacementCharacter() {
            assertThat(Texts.repair("", 100)).isEqualTo("\uFFFD");
            assertThat(Texts.repair("   ", 100)).isEqualTo("\uFFFD");
            assertThat(Texts.problem(Texts.repair("   ", 100), 100)).isEmpty();
        }

        @Test
        void trimsWhiteSpaceThatSurroundedAControlCharacter() {
            assertThat(Texts.repair(" \u0000 ", 100)).isEqualTo("\uFFFD");
            // White space at either end goes, a line break included; only a control character inside is replaced.
            assertThat(Texts.repair("\tklaar\n", 100)).isEqualTo("klaar");
            assertThat(Texts.repair("reden\n", 100)).isEqualTo("reden");
            assertThat(Texts.repair("een\nreden", 100)).isEqualTo("een\uFFFDreden");
        }
    }

    /** The free-text value types, each with its own maximum and its own repair. */
    @Nested
    class TheFreeTextTypes {

        @Test
        void haveTheirMaxima() {
            assertThat(Reason.LENGTH_MAX).isEqualTo(500);
            assertThat(Reference.LENGTH_MAX).isEqualTo(128);
            assertThat(Description.LENGTH_MAX).isEqualTo(200);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("nl.kassier.ledger.core.shared.TextsTest#freeTextTypes")
        void acceptTheirMaximumAndRefuseOneCharacterMore(
                String name, int max, Function<String, Object> create, Function<String, Object> repair) {
            assertThat(create.apply("a".repeat(max))).hasToString("a".repeat(max));
            assertThat(create.apply("a".repeat(max - 1) + EMOJI)).hasToString("a".repeat(max - 1) + EMOJI);
            assertThatIllegalArgumentException().isThrownBy(() -> create.apply("a".repeat(max + 1)));
            assertThatIllegalArgumentException().isThrownBy(() -> create.apply("a".repeat(max) + EMOJI));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("nl.kassier.ledger.core.shared.TextsTest#freeTextTypes")
        void refuseControlCharactersLoneSurrogatesAndBlankText(
                String name, int max, Function<String, Object> create, Function<String, Object> repair) {
            for (String refused : new String[] {"a\u0000b", "a\u001Fb", "a\u007Fb", "a\u009Fb", "a\uD83Db", "", "  "}) {
                assertThatIllegalArgumentException().as(refused).isThrownBy(() -> create.apply(refused));
            }
            assertThatIllegalArgumentException().isThrownBy(() -> create.apply(null));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("nl.kassier.ledger.core.shared.TextsTest#freeTextTypes")
        void holdTheirValueTrimmed(
                String name, int max, Function<String, Object> create, Function<String, Object> repair) {
            assertThat(create.apply("  klaar  "))
                    .isEqualTo(create.apply("klaar"))
                    .hasToString("klaar");
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("nl.kassier.ledger.core.shared.TextsTest#freeTextTypes")
        void repairWhatTheyRefuseIntoWhatTheyAccept(
                String name, int max, Function<String, Object> create, Function<String, Object> repair) {
            for (String stored : new String[] {"a\u0000b", "a\uD83Db", "   ", "a".repeat(max + 1), "ok"}) {
                Object repaired = repair.apply(stored);
                assertThat(create.apply(repaired.toString())).as(stored).isEqualTo(repaired);
            }
            assertThat(repair.apply("a\u0000b")).hasToString("a\uFFFDb");
            assertThat(repair.apply("a".repeat(max + 1)).toString())
                    .hasSize(max)
                    .endsWith("…");
        }

        @Test
        void exposeTheirValue() {
            assertThat(new Reason("nee").value()).isEqualTo("nee");
            assertThat(new Reference("opdracht").value()).isEqualTo("opdracht");
            assertThat(new Description("scholing").value()).isEqualTo("scholing");
            assertThat(new Reason(" nee ")).isEqualTo(new Reason("nee"));
        }
    }
}
