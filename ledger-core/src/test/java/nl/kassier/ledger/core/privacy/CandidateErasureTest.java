package nl.kassier.ledger.core.privacy;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import nl.kassier.ledger.core.shared.Actor;
import nl.kassier.ledger.core.shared.Reason;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An erasure records what it destroyed, and a request that finds nothing left to destroy records nothing. */
class CandidateErasureTest {

    private static final CandidateId CANDIDATE = new CandidateId("0123456789abcdef0123456789abcdef");
    private static final Actor SZW = new Actor("szw", "SZW", null);
    private static final Reason REASON = new Reason("verzoek tot verwijdering");

    private final Deque<Integer> destroyed = new ArrayDeque<>();
    private AggregateTestFixture<CandidateErasure> fixture;

    /** A vault that only destroys, and says how many keys each time. */
    private final class DestroyingVault implements PersonalDataVault {
        @Override
        public CandidateId candidateOf(CandidateRef ref) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String fingerprint(String digest) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SealedPersonalData seal(CandidateId candidate, PersonalData data) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CandidateRef standIn(String stored) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<PersonalData> open(CandidateId candidate, SealedPersonalData sealed) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int destroy(CandidateId candidate) {
            return destroyed.pop();
        }
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CandidateErasure.class);
        fixture.registerInjectableResource(new DestroyingVault());
    }

    @Test
    void theFirstErasureIsRecordedWithTheKeysItDestroyed() {
        destroyed.push(2);
        EraseCandidate command = new EraseCandidate(CANDIDATE, REASON, SZW);
        fixture.givenNoPriorActivity()
                .when(command)
                .expectEvents(new CandidateErased(command.erasureId(), CANDIDATE, 2, REASON, SZW))
                .expectResultMessagePayload(new ErasureReceipt(true, 2));
    }

    @Test
    void aCandidateKnownOnlyInTheClearIsErasedWithNoKeyToDestroy() {
        destroyed.push(0);
        EraseCandidate command = new EraseCandidate(CANDIDATE, REASON, SZW);
        fixture.givenNoPriorActivity()
                .when(command)
                .expectEvents(new CandidateErased(command.erasureId(), CANDIDATE, 0, REASON, SZW));
    }

    @Test
    void anErasureWithNothingLeftToDestroyRecordsNothingAndAKeyMadeSinceIsDestroyedAgain() {
        EraseCandidate command = new EraseCandidate(CANDIDATE, REASON, SZW);
        CandidateErased before = new CandidateErased(command.erasureId(), CANDIDATE, 1, REASON, SZW);
        destroyed.push(0);
        fixture.given(before).when(command).expectNoEvents().expectResultMessagePayload(new ErasureReceipt(false, 0));
        destroyed.push(1);
        fixture.given(before)
                .when(command)
                .expectEvents(new CandidateErased(command.erasureId(), CANDIDATE, 1, REASON, SZW));
    }
}
