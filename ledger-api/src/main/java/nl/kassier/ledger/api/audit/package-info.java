/** The auditor's view: the event stream with its hash chain, verification, export, as-of replay and rebuilds. */
package nl.kassier.ledger.api.audit;
