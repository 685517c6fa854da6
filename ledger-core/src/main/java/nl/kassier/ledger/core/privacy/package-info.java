/**
 * A candidate's personal data, kept so that it can be forgotten: the events hold it only sealed under a key of the
 * candidate's own, which erasure destroys (crypto-shredding). What the ledger decides with — which candidate a
 * reservation is for, to hold the menukaart maximum — is a keyed digest of the partner's pseudonym
 * ({@link nl.kassier.ledger.core.privacy.CandidateId}), never the pseudonym itself.
 */
package nl.kassier.ledger.core.privacy;
