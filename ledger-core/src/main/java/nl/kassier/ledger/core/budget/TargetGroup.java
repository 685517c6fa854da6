package nl.kassier.ledger.core.budget;

/** The candidate's situation, which decides the eerstverantwoordelijke partij. */
public enum TargetGroup {
    /** Werkloosheidswet: UWV. */
    WW,
    /** Wet werk en inkomen naar arbeidsvermogen: UWV. */
    WIA,
    /** Wajong: UWV. */
    WAJONG,
    /** Participatiewet: the gemeente. */
    PARTICIPATIEWET,
    /** Self-employed: the gemeente. */
    ZZP,
    /** Niet-uitkeringsgerechtigden: the gemeente. */
    NUG,
    /** People still in work (van werk naar werk): the unions. */
    WERKEND
}
