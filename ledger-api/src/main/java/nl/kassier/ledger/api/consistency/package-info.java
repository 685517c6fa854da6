/** Read your writes: commands answer only once the read models show their effect. */
package nl.kassier.ledger.api.consistency;
