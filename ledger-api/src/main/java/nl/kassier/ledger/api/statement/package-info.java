/** The statements (verantwoording): per region and national, as JSON, CSV and PDF, and offline from an export. */
package nl.kassier.ledger.api.statement;
