/** The regeling's versions (amendments) and the rule that tells which cap, allocation and menu are in force. */
package nl.kassier.ledger.core.regeling;
