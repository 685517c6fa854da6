/**
 * The kassier's reconciliation over REST: a camt.053 bank statement read safely, matched against the registered
 * payments, recorded, and reported as JSON or CSV.
 */
package nl.kassier.ledger.api.reconciliation;
