/** Cross-cutting HTTP concerns: the API-Version header, request limits. */
package nl.kassier.ledger.api.web;
