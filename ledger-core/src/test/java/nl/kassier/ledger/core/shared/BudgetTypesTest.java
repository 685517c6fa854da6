package nl.kassier.ledger.core.shared;

import static nl.kassier.ledger.core.shared.BudgetType.AANVULLENDE_DIENSTVERLENING;
import static nl.kassier.ledger.core.shared.BudgetType.PRAKTIJKLEREN;
import static nl.kassier.ledger.core.shared.BudgetType.WERKFITBEHOUD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BudgetTypesTest {

    @Test
    void putsTheTypesOfACapLineInTheEnumsOrder() {
        assertThat(BudgetTypes.normalize(Arrays.asList(WERKFITBEHOUD, AANVULLENDE_DIENSTVERLENING, PRAKTIJKLEREN)))
                .containsExactly(AANVULLENDE_DIENSTVERLENING, PRAKTIJKLEREN, WERKFITBEHOUD);
    }

    @Test
    void dropsRepeatedTypes() {
        assertThat(BudgetTypes.normalize(Arrays.asList(PRAKTIJKLEREN, PRAKTIJKLEREN)))
                .containsExactly(PRAKTIJKLEREN);
    }

    @Test
    void refusesAnEmptyOrMissingSet() {
        assertThatIllegalArgumentException().isThrownBy(() -> BudgetTypes.normalize(new ArrayList<>()));
        assertThatIllegalArgumentException().isThrownBy(() -> BudgetTypes.normalize(null));
    }

    @Test
    void refusesAMissingType() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BudgetTypes.normalize(Arrays.asList(PRAKTIJKLEREN, null)));
    }

    @Test
    void acceptsAnImmutableList() {
        assertThat(BudgetTypes.normalize(List.of(PRAKTIJKLEREN))).containsExactly(PRAKTIJKLEREN);
        assertThat(BudgetTypes.normalize(BudgetTypes.normalize(Arrays.asList(WERKFITBEHOUD, PRAKTIJKLEREN))))
                .containsExactly(PRAKTIJKLEREN, WERKFITBEHOUD);
    }
}
