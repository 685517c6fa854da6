package nl.kassier.ledger.core.regeling;

import static nl.kassier.ledger.core.shared.BudgetType.AANVULLENDE_DIENSTVERLENING;
import static nl.kassier.ledger.core.shared.BudgetType.PRAKTIJKLEREN;
import static nl.kassier.ledger.core.shared.BudgetType.UITVOERINGSKOSTEN;
import static nl.kassier.ledger.core.shared.BudgetType.WERKFITBEHOUD;

import nl.kassier.ledger.core.shared.BudgetType;

/** The items of the menukaart, each belonging to exactly one budget type. Their maxima are data of amendments. */
public enum MenuItem {
    VERSTERKEN_ARBEIDSMARKTPOSITIE(AANVULLENDE_DIENSTVERLENING),
    ARBEIDSMARKTORIENTATIE_LOOPBAANBEGELEIDING(AANVULLENDE_DIENSTVERLENING),
    SOLLICITATIEVAARDIGHEDEN(AANVULLENDE_DIENSTVERLENING),
    SCHOLING(AANVULLENDE_DIENSTVERLENING),
    FUNCTIEGERICHTE_VAARDIGHEIDSTRAINING(AANVULLENDE_DIENSTVERLENING),
    BEGELEIDING_BIJ_SCHOLING(AANVULLENDE_DIENSTVERLENING),
    MATCHING(AANVULLENDE_DIENSTVERLENING),
    MAATWERKBUDGET(AANVULLENDE_DIENSTVERLENING),
    PRAKTIJKVERKLARING(PRAKTIJKLEREN),
    MBO_CERTIFICAAT(PRAKTIJKLEREN),
    MBO_DIPLOMA(PRAKTIJKLEREN),
    WERKFITPLEK(WERKFITBEHOUD),
    JOBCOACHING(WERKFITBEHOUD),
    DIENSTVERLENING_WERKFITBEHOUD(WERKFITBEHOUD),
    PERSONELE_INZET(UITVOERINGSKOSTEN);

    private final BudgetType budget;

    MenuItem(BudgetType budget) {
        this.budget = budget;
    }

    public BudgetType budget() {
        return budget;
    }
}
