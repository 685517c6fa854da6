/**
 * The kassier's reconciliation over REST: a camt.053 bank statement read safely, matched against the registered
 * payments, recorded, and reported as JSON or CSV; the imported statements listed, and the payments of a stretch of
 * dates listed with what the bank said of each.
 */
package nl.kassier.ledger.api.reconciliation;
