/** Cross-cutting HTTP concerns: the API-Version header, request limits, strict parameters, paging. */
package nl.kassier.ledger.api.web;
