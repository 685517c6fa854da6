/** How the domain's value types and messages are written as JSON, in the store and on the wire. */
package nl.kassier.ledger.infra.json;
