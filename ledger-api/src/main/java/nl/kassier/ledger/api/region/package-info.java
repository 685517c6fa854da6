/** The reference list of regions over REST. */
package nl.kassier.ledger.api.region;
