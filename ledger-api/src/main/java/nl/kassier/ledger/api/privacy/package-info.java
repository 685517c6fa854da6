/** Candidates' personal data forgotten on request (AVG art. 17), and the monitor's figures that show no one. */
package nl.kassier.ledger.api.privacy;
