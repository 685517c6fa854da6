/** The regeling over REST: amendments, caps on both clocks, and the recording of its real history at first start. */
package nl.kassier.ledger.api.regeling;
