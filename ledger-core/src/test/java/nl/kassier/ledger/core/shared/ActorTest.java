package nl.kassier.ledger.core.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** An actor's name and organisation are free text of at most 128 characters; a system actor is named for its process. */
class ActorTest {

    @Test
    void acceptsANameOfAtMost128CharactersExactlyAsGiven() {
        assertThat(new Actor("a".repeat(128), "PARTNER", "FNV").username()).hasSize(128);
        // A name is compared as it is: "anna " is not "anna", so it is refused rather than trimmed.
        assertThatIllegalArgumentException().isThrownBy(() -> new Actor("  fnv-rijnmond ", "PARTNER", "FNV"));
        assertThatIllegalArgumentException().isThrownBy(() -> new Actor("fnv-rijnmond", "PARTNER", " FNV "));
        assertThatIllegalArgumentException().isThrownBy(() -> new Actor("a".repeat(129), "PARTNER", "FNV"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  ", "fnv\u0000rijnmond", "fnv\nrijnmond", "fnv\uD83D"})
    void refusesAMissingBlankOrUncleanName(String username) {
        assertThatIllegalArgumentException().isThrownBy(() -> new Actor(username, "PARTNER", "FNV"));
    }

    @Test
    void takesAnOptionalOrganisationOfAtMost128Characters() {
        assertThat(new Actor("kassier", "KASSIER", null).organisation()).isNull();
        assertThat(new Actor("fnv-rijnmond", "PARTNER", "F".repeat(128)).organisation())
                .hasSize(128);
        assertThatIllegalArgumentException().isThrownBy(() -> new Actor("fnv-rijnmond", "PARTNER", "F".repeat(129)));
        assertThatIllegalArgumentException().isThrownBy(() -> new Actor("fnv-rijnmond", "PARTNER", " "));
        assertThatIllegalArgumentException().isThrownBy(() -> new Actor("fnv-rijnmond", "PARTNER", "FNV\u009F"));
    }

    @Test
    void requiresARole() {
        assertThatNullPointerException().isThrownBy(() -> new Actor("kassier", null, null));
    }

    @Test
    void namesASystemActorForItsProcess() {
        assertThat(Actor.system("test")).isEqualTo(new Actor("system:test", "SYSTEM", null));
    }

    @Test
    void repairsAStoredNameAndOrganisationIntoOnesItAccepts() {
        Actor repaired = Actor.repaired("fnv\u0000" + "a".repeat(200), "PARTNER", " ");

        assertThat(repaired.username()).startsWith("fnv\uFFFD").hasSize(128).endsWith("…");
        assertThat(repaired.organisation()).isEqualTo("\uFFFD");
        assertThat(new Actor(repaired.username(), repaired.role(), repaired.organisation()))
                .isEqualTo(repaired);
        assertThat(Actor.repaired("kassier", "KASSIER", null)).isEqualTo(new Actor("kassier", "KASSIER", null));
    }
}
