package nl.kassier.ledger.core.budget;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import nl.kassier.ledger.core.privacy.CandidateId;
import nl.kassier.ledger.core.privacy.CandidateRef;
import nl.kassier.ledger.core.privacy.PersonalData;
import nl.kassier.ledger.core.privacy.PersonalDataVault;
import nl.kassier.ledger.core.privacy.SealedPersonalData;
import nl.kassier.ledger.core.shared.Description;
import nl.kassier.ledger.core.shared.Digests;

/**
 * A vault for the domain's own tests, deterministic so that an expected event can be written down: a candidate's id
 * is a digest of the pseudonym, and "sealing" keeps the data in a map under a key named after the candidate. The
 * real vault (AES-GCM, keys in PostgreSQL) is tested with the database in {@code infra}.
 */
final class TestVault implements PersonalDataVault {

    static final TestVault INSTANCE = new TestVault();

    private final ConcurrentHashMap<String, PersonalData> sealed = new ConcurrentHashMap<>();

    @Override
    public CandidateId candidateOf(CandidateRef ref) {
        return id(ref);
    }

    static CandidateId id(CandidateRef ref) {
        return new CandidateId(Digests.sha256("candidate|" + ref.value()).substring(0, 32));
    }

    @Override
    public SealedPersonalData seal(CandidateId candidate, PersonalData data) {
        String key = candidate == null ? "key-none" : "key-" + candidate.value();
        String text = Digests.sha256(data.toString());
        sealed.put(text, data);
        return SealedPersonalData.sealed(key, text);
    }

    static CandidateId idOf(Candidate candidate) {
        return candidate == null ? null : id(candidate.ref());
    }

    static TargetGroup groupOf(Candidate candidate) {
        return candidate == null ? null : candidate.targetGroup();
    }

    /** The sealed form {@link #seal} gives a reservation's personal data: what an expected event holds. */
    static SealedPersonalData sealedOf(Candidate candidate, Description description) {
        PersonalData data = candidate == null
                ? new PersonalData(null, null, null, description)
                : new PersonalData(candidate.ref(), candidate.jobLossDate(), candidate.jobAgreement(), description);
        return data.isEmpty() ? null : INSTANCE.seal(idOf(candidate), data);
    }

    @Override
    public CandidateRef standIn(String stored) {
        return CandidateRef.standIn(Digests.sha256("legacy|" + stored));
    }

    @Override
    public Optional<PersonalData> open(CandidateId candidate, SealedPersonalData data) {
        if (data.isLegacy()) {
            return Optional.of(data.clear());
        }
        return Optional.ofNullable(sealed.get(data.ciphertext()));
    }

    @Override
    public int destroy(CandidateId candidate) {
        throw new UnsupportedOperationException("the budget never erases");
    }

    @Override
    public String fingerprint(String digest) {
        return "keyed-" + digest;
    }
}
