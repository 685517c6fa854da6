package nl.kassier.ledger.infra.privacy;

import nl.kassier.ledger.core.privacy.CandidateId;
import nl.kassier.ledger.core.privacy.CandidateNames;
import nl.kassier.ledger.core.privacy.CandidateRef;
import nl.kassier.ledger.core.shared.Digests;

/**
 * Names for a reader of an export, who has no access to the ledger's secret: stand-ins, the same for the same
 * pseudonym within one reading. What an export's figures say never depends on which candidate is which; only the
 * service, holding the secret, decides with candidate ids.
 */
public final class OfflineCandidateNames implements CandidateNames {

    public static final OfflineCandidateNames INSTANCE = new OfflineCandidateNames();

    private OfflineCandidateNames() {}

    @Override
    public CandidateId candidateOf(CandidateRef ref) {
        return new CandidateId(Digests.sha256("offline|" + ref.value()).substring(0, 32));
    }

    @Override
    public CandidateRef standIn(String stored) {
        return CandidateRef.standIn(Digests.sha256("offline-legacy|" + stored));
    }

    @Override
    public String fingerprint(String digest) {
        return digest;
    }
}
