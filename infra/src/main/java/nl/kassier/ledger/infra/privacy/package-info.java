/** The keys of candidates' personal data, in PostgreSQL beside (never inside) the event store, and the sealing. */
package nl.kassier.ledger.infra.privacy;
