/**
 * What the API document needs to know of the features' own types: a feature slice of its own, which depends on the
 * features it describes and on which none depends.
 */
package nl.kassier.ledger.api.apidoc;
