/** The error policy: every refusal as an RFC 9457 problem with a stable code, mapped in one place. */
package nl.kassier.ledger.api.problem;
