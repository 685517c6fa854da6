/**
 * The ledger's own meters at {@code /actuator/prometheus}: commands by type and outcome, refusals by code, problem
 * answers, each budget line's utilisation, the read models' lag and the hash chain's head. Every tag has a bounded set
 * of values (command types, error codes, processors, regions, years and cap lines), never an id.
 */
package nl.kassier.ledger.api.metrics;
