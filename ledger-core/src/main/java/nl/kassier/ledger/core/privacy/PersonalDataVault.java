package nl.kassier.ledger.core.privacy;

import java.util.Optional;

/**
 * The one place personal data is sealed and opened. The budget seals what a reservation says about its candidate
 * before it records the event; read models and replays open it through here, and find it forgotten once the
 * candidate's key is destroyed.
 */
public interface PersonalDataVault extends CandidateNames {

    /**
     * {@code data} sealed under the live key of {@code candidate} (made when it has none), or under a key of its own
     * when the reservation names no candidate.
     */
    SealedPersonalData seal(CandidateId candidate, PersonalData data);

    /**
     * What {@code sealed}, of a reservation for {@code candidate} (null: none), holds; empty once its key is destroyed,
     * and for data recorded in the clear before sealing, once the candidate was erased.
     */
    Optional<PersonalData> open(CandidateId candidate, SealedPersonalData sealed);

    /**
     * Destroys every live key of {@code candidate} in the caller's transaction, and makes every read model forget what
     * it held of them in the clear; returns how many keys were destroyed.
     */
    int destroy(CandidateId candidate);
}
