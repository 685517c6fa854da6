package nl.kassier.ledger.projections.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import nl.kassier.ledger.core.privacy.CandidateId;
import nl.kassier.ledger.core.privacy.CandidateRef;
import nl.kassier.ledger.core.privacy.PersonalData;
import nl.kassier.ledger.core.privacy.SealedPersonalData;
import nl.kassier.ledger.core.shared.Description;
import nl.kassier.ledger.core.shared.Digests;
import nl.kassier.ledger.infra.privacy.JdbcPersonalDataVault;
import nl.kassier.ledger.projections.MigratedDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The vault on a real PostgreSQL: what it seals holds nothing readable, opens only under its own key, and is gone for
 * good once the candidate's keys are destroyed; a candidate's id is keyed by the ledger's secret, which survives a
 * restart.
 */
class PersonalDataVaultTest {

    @RegisterExtension
    static final MigratedDatabase database = new MigratedDatabase();

    private final JdbcPersonalDataVault vault = new JdbcPersonalDataVault(database.jdbc());

    private static PersonalData data(String ref, String description) {
        return new PersonalData(new CandidateRef(ref), LocalDate.of(2021, 1, 15), true, new Description(description));
    }

    @Test
    void sealsSoThatTheStoredFormHoldsNothingReadableAndOpensToWhatWasSealed() {
        CandidateId candidate = vault.candidateOf(new CandidateRef("vault-1"));
        PersonalData data = data("vault-1", "scholing tot heftruckchauffeur");

        SealedPersonalData sealed = vault.seal(candidate, data);

        String stored = sealed.keyId()
                + sealed.ciphertext()
                + new String(Base64.getDecoder().decode(sealed.ciphertext()), StandardCharsets.ISO_8859_1);
        assertThat(stored).doesNotContain("vault-1").doesNotContain("heftruck").doesNotContain("2021-01-15");
        assertThat(sealed.isLegacy()).isFalse();
        assertThat(vault.open(null, sealed)).contains(data);
        // A fresh nonce every time: the same data never gives the same ciphertext.
        assertThat(vault.seal(candidate, data).ciphertext()).isNotEqualTo(sealed.ciphertext());
    }

    @Test
    void aCandidateHasOneLiveKeyAndAReservationWithoutOneAKeyOfItsOwn() {
        CandidateId candidate = vault.candidateOf(new CandidateRef("vault-2"));
        CandidateId other = vault.candidateOf(new CandidateRef("vault-3"));

        String first = vault.seal(candidate, data("vault-2", "a")).keyId();

        assertThat(vault.seal(candidate, data("vault-2", "b")).keyId()).isEqualTo(first);
        assertThat(vault.seal(other, data("vault-3", "c")).keyId()).isNotEqualTo(first);
        PersonalData description = new PersonalData(null, null, null, new Description("drukwerk"));
        assertThat(vault.seal(null, description).keyId())
                .isNotEqualTo(vault.seal(null, description).keyId());
    }

    @Test
    void afterTheKeysAreDestroyedNothingOpensAndANewReservationGetsANewKey() {
        CandidateId candidate = vault.candidateOf(new CandidateRef("vault-4"));
        SealedPersonalData before = vault.seal(candidate, data("vault-4", "a"));
        SealedPersonalData alsoBefore = vault.seal(candidate, data("vault-4", "b"));

        assertThat(vault.destroy(candidate)).isEqualTo(1);

        assertThat(vault.open(null, before)).isEmpty();
        assertThat(vault.open(null, alsoBefore)).isEmpty();
        assertThat(database.jdbc()
                        .queryForObject(
                                "SELECT count(*) FROM personal_data_key WHERE candidate = ? AND key IS NOT NULL",
                                Long.class,
                                candidate.value()))
                .isZero();
        SealedPersonalData after = vault.seal(candidate, data("vault-4", "c"));
        assertThat(after.keyId()).isNotEqualTo(before.keyId());
        assertThat(vault.open(null, after)).contains(data("vault-4", "c"));
        assertThat(vault.open(null, before)).isEmpty();
        assertThat(vault.destroy(candidate)).isEqualTo(1);
        assertThat(vault.destroy(candidate)).isZero();
    }

    @Test
    void sealedDataThatWasAlteredOrMovedToAnotherKeyDoesNotOpen() {
        CandidateId candidate = vault.candidateOf(new CandidateRef("vault-5"));
        CandidateId other = vault.candidateOf(new CandidateRef("vault-6"));
        SealedPersonalData sealed = vault.seal(candidate, data("vault-5", "a"));
        SealedPersonalData elsewhere = vault.seal(other, data("vault-6", "b"));
        byte[] bytes = Base64.getDecoder().decode(sealed.ciphertext());
        bytes[bytes.length - 1] ^= 1;

        assertThatThrownBy(() -> vault.open(
                        null,
                        SealedPersonalData.sealed(
                                sealed.keyId(), Base64.getEncoder().encodeToString(bytes))))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> vault.open(null, SealedPersonalData.sealed(elsewhere.keyId(), sealed.ciphertext())))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aCandidatesIdIsKeyedByTheLedgersSecretAndTheSameAfterARestart() {
        CandidateRef ref = new CandidateRef("vault-7");
        CandidateId id = vault.candidateOf(ref);

        assertThat(new JdbcPersonalDataVault(database.jdbc()).candidateOf(ref)).isEqualTo(id);
        assertThat(id.value()).isNotEqualTo(Digests.sha256(ref.value()).substring(0, 32));
        assertThat(vault.candidateOf(new CandidateRef("vault-8"))).isNotEqualTo(id);
        assertThat(vault.fingerprint("abc")).isEqualTo(vault.fingerprint("abc")).isNotEqualTo("abc");
    }

    @Test
    void dataRecordedInTheClearBeforeSealingIsReadAsItWasUntilItsCandidateIsErased() {
        PersonalData data = data("vault-9", "oud");
        CandidateId candidate = vault.candidateOf(new CandidateRef("vault-9"));
        assertThat(vault.open(candidate, SealedPersonalData.legacy(data))).contains(data);

        assertThat(vault.destroy(candidate)).isZero();

        assertThat(vault.open(candidate, SealedPersonalData.legacy(data))).isEmpty();
    }

    @Test
    void aStoredRefTodaysRuleRefusesIsReadAsAKeyedStandIn() {
        CandidateRef standIn = vault.standIn("123456782");
        assertThat(standIn.value())
                .startsWith("legacy-")
                .isEqualTo(vault.standIn("123456782").value());
        assertThat(standIn).isNotEqualTo(CandidateRef.repaired("123456782"));
    }
}
