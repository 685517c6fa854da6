/** The assembly of the service: database, event store, Axon and the service's own settings. */
package nl.kassier.ledger.api.config;
