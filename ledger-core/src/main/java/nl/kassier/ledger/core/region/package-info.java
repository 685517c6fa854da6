/** The 35 arbeidsmarktregio's, one regional mobility team each. */
package nl.kassier.ledger.core.region;
