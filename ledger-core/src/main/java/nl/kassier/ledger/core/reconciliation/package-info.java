/**
 * The kassier's reconciliation: a bank statement's debit entries matched against the payments the ledger registered,
 * and the outcome recorded once per statement.
 */
package nl.kassier.ledger.core.reconciliation;
