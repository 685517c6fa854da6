package nl.kassier.ledger.core.privacy;

/** How the ledger names a candidate and keeps a request's fingerprint: keyed digests, so that neither confirms a guess. */
public interface CandidateNames {

    /** The candidate the pseudonym {@code ref} stands for: the same for the same pseudonym, always. */
    CandidateId candidateOf(CandidateRef ref);

    /**
     * What a stored pseudonym that today's rule refuses (too long, other characters, a BSN) is read as: {@code legacy-}
     * and a keyed digest of it, the same for the same stored text, which gives nothing of it back.
     */
    CandidateRef standIn(String stored);

    /**
     * A keyed digest of a request's fingerprint: a retry is recognised as before, and the stored digest cannot be
     * used to confirm a guess of the personal data the request held.
     */
    String fingerprint(String digest);
}
