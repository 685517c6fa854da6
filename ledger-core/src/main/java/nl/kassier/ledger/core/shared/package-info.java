/** Value types and the error vocabulary shared by every feature of the ledger. */
package nl.kassier.ledger.core.shared;
