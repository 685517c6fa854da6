/** The embedded PostgreSQL default and what the service needs to find its database. */
package nl.kassier.ledger.infra.database;
