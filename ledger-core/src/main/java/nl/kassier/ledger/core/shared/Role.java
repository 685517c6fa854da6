package nl.kassier.ledger.core.shared;

/** The roles of the contract. */
public enum Role {
    /** Publishes amendments of the regeling. */
    SZW,
    /** UWV's kassier: registers payments, reads everything. */
    KASSIER,
    /** The operationeel coördinator of one region. */
    COORDINATOR,
    /** A partner organisation working in one or more regions. */
    PARTNER,
    /** Reads everything, writes nothing. */
    AUDITOR
}
