/** Identity: HTTP Basic against the users file by default, OAuth2 bearer JWTs in production; roles and regions. */
package nl.kassier.ledger.api.security;
