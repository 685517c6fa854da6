package nl.kassier.ledger.core.shared;

/**
 * What kind of organisation a partner is. The regeling pays the costs of carrying it out (uitvoeringskosten) only to
 * UWV and the colleges van B&W (seed 004, Bijlage 2 §8), so only their partners, and the coördinator, draw on that
 * budget.
 */
public enum OrganisationType {
    UWV,
    GEMEENTE,
    VAKBOND,
    WERKGEVERSORGANISATIE,
    SBB,
    ONDERWIJS,
    OVERIG;

    /** Whether a partner of this kind may draw on {@code UITVOERINGSKOSTEN}. */
    public boolean drawsOnUitvoeringskosten() {
        return this == UWV || this == GEMEENTE;
    }
}
