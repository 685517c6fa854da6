package nl.kassier.ledger.core.shared;

/** The budget types of the regeling, each with its own cap unless an amendment merges them. */
public enum BudgetType {
    /** Interventions on the menukaart (bijlage 1 of the regeling). */
    AANVULLENDE_DIENSTVERLENING,
    /** Scholing via praktijkleren in het mbo (derde leerweg). */
    PRAKTIJKLEREN,
    /** Tijdelijke impuls banenafspraak (bijlage 3): only for the doelgroep banenafspraak. */
    WERKFITBEHOUD,
    /** The costs of UWV and the colleges van B&W for staffing the RMT's. */
    UITVOERINGSKOSTEN
}
