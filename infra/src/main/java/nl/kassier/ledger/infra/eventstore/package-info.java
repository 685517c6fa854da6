/** The event store's schema on PostgreSQL, shared by the storage engine, the token store and the audit reads. */
package nl.kassier.ledger.infra.eventstore;
