package nl.kassier.ledger.core.regeling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An amendment's title and gazette reference are free text of at most 300 and 100 characters; its dates are legal. */
class AmendmentTest {

    private static final LocalDate FROM = LocalDate.of(2022, 6, 1);

    private static Amendment amendment(
            String title, String gazette, LocalDate publishedOn, LocalDate from, LocalDate ends) {
        return new Amendment(
                "wijziging-5", title, gazette, publishedOn, from, ends, List.of(), List.of(), List.of(), null);
    }

    @Test
    void takesATitleOfAtMost300CharactersTrimmed() {
        assertThat(amendment("t".repeat(300), null, null, FROM, null).title()).hasSize(300);
        assertThat(amendment("  Doelgroep verbreed ", null, null, FROM, null).title())
                .isEqualTo("Doelgroep verbreed");
        assertThatIllegalArgumentException().isThrownBy(() -> amendment("t".repeat(301), null, null, FROM, null));
    }

    @Test
    void refusesAMissingBlankOrUncleanTitle() {
        for (String title : new String[] {null, "", "  ", "Wijziging\u00005", "Wijziging\uD83D"}) {
            assertThatIllegalArgumentException()
                    .as(String.valueOf(title))
                    .isThrownBy(() -> amendment(title, null, null, FROM, null));
        }
    }

    @Test
    void takesAnOptionalGazetteReferenceOfAtMost100Characters() {
        assertThat(amendment("Start", null, null, FROM, null).gazette()).isNull();
        assertThat(amendment("Start", " Stcrt. 2022, 34833 ", null, FROM, null).gazette())
                .isEqualTo("Stcrt. 2022, 34833");
        assertThat(amendment("Start", "g".repeat(100), null, FROM, null).gazette())
                .hasSize(100);
        assertThatIllegalArgumentException().isThrownBy(() -> amendment("Start", "g".repeat(101), null, FROM, null));
        assertThatIllegalArgumentException().isThrownBy(() -> amendment("Start", "Stcrt.\n2022", null, FROM, null));
    }

    @Test
    void refusesDatesOutsideTheLedgersCalendar() {
        LocalDate before = LocalDate.of(1999, 12, 31);
        LocalDate after = LocalDate.of(2101, 1, 1);

        assertThat(amendment("Start", null, LocalDate.of(2000, 1, 1), FROM, LocalDate.of(2100, 12, 31)))
                .isNotNull();
        assertThatIllegalArgumentException().isThrownBy(() -> amendment("Start", null, before, FROM, null));
        assertThatIllegalArgumentException().isThrownBy(() -> amendment("Start", null, null, before, null));
        assertThatIllegalArgumentException().isThrownBy(() -> amendment("Start", null, null, after, null));
        assertThatIllegalArgumentException().isThrownBy(() -> amendment("Start", null, null, FROM, after));
    }
}
