/** Ledger-wide uniqueness of payment ids, claimed in the command's own transaction. */
package nl.kassier.ledger.infra.payment;
