/** The hash chain over the event table: its canonical form, and its verification online and offline. */
package nl.kassier.ledger.infra.audit;
