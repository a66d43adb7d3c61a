package dev.regent.infrastructure.residency;

import dev.regent.domain.residency.Erasure;
import org.junit.jupiter.api.Test;

import javax.crypto.SecretKey;
import java.util.Base64;
import java.util.Optional;

import static dev.regent.infrastructure.residency.ResidencyFixture.EMAIL;
import static dev.regent.infrastructure.residency.ResidencyFixture.NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldProtectionTest {

    private final SecretKey subjectKey = ResidencyFixture.randomAesKey();

    @Test
    void givenAValue_whenEncryptedThenDecryptedWithTheSameKey_thenItIsTheValueAgain() {
        String encrypted = FieldProtection.encrypt(subjectKey, NAME);

        assertThat(encrypted).startsWith("enc:v1:");
        assertThat(FieldProtection.decrypt(Optional.of(subjectKey), encrypted)).isEqualTo(NAME);
    }

    @Test
    void givenNonAsciiText_whenEncryptedAndDecrypted_thenItIsIntact() {
        String plain = "Amélie Poulain — 東京";

        assertThat(FieldProtection.decrypt(Optional.of(subjectKey), FieldProtection.encrypt(subjectKey, plain)))
                .isEqualTo(plain);
    }

    @Test
    void givenTheSameValueAndKey_whenEncryptedTwice_thenTheCiphertextIsTheSame_soAnOwnerCanRecomputeIt() {
        String first = FieldProtection.encrypt(subjectKey, NAME);
        String second = FieldProtection.encrypt(subjectKey, NAME);

        assertThat(first).isEqualTo(second);
        assertThat(first).doesNotContain(NAME, "Ada", "Lovelace");
    }

    @Test
    void givenDifferentValuesOrKeys_whenEncrypted_thenTheCiphertextsDiffer() throws Exception {
        javax.crypto.KeyGenerator generator = javax.crypto.KeyGenerator.getInstance("AES");
        generator.init(256);
        String other = FieldProtection.encrypt(generator.generateKey(), NAME);

        assertThat(FieldProtection.encrypt(subjectKey, NAME)).isNotEqualTo(other)
                .isNotEqualTo(FieldProtection.encrypt(subjectKey, NAME + "."));
    }

    @Test
    void givenAnEncryptedValue_whenItsKeyIsGone_thenItReadsErased() {
        String encrypted = FieldProtection.encrypt(subjectKey, NAME);

        assertThat(FieldProtection.decrypt(Optional.empty(), encrypted)).isEqualTo(Erasure.ERASED);
    }

    @Test
    void givenAnEncryptedValue_whenDecryptedWithAnotherKey_thenItFails() {
        String encrypted = FieldProtection.encrypt(subjectKey, NAME);

        assertThatThrownBy(() -> FieldProtection.decrypt(Optional.of(ResidencyFixture.randomAesKey()), encrypted))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("wrong key");
    }

    @Test
    void givenAnAlteredCiphertext_whenDecrypted_thenItFails() {
        String encrypted = FieldProtection.encrypt(subjectKey, NAME);
        byte[] sealed = Base64.getDecoder().decode(encrypted.substring("enc:v1:".length()));
        sealed[sealed.length / 2] ^= 1;
        String altered = "enc:v1:" + Base64.getEncoder().encodeToString(sealed);

        assertThatThrownBy(() -> FieldProtection.decrypt(Optional.of(subjectKey), altered))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void givenMarkersAndNull_whenEncryptedDecryptedOrPseudonymised_thenTheyPassAsTheyAre() {
        FieldProtection protection = new FieldProtection(ResidencyFixture.randomKeyBytes());

        for (String marker : new String[] {EgressAction.REDACTED, Erasure.ERASED}) {
            assertThat(FieldProtection.encrypt(subjectKey, marker)).isEqualTo(marker);
            assertThat(FieldProtection.decrypt(Optional.of(subjectKey), marker)).isEqualTo(marker);
            assertThat(FieldProtection.decrypt(Optional.empty(), marker)).isEqualTo(marker);
            assertThat(protection.pseudonymise(marker)).isEqualTo(marker);
        }
        assertThat(FieldProtection.encrypt(subjectKey, null)).isNull();
        assertThat(FieldProtection.decrypt(Optional.of(subjectKey), null)).isNull();
        assertThat(FieldProtection.decrypt(Optional.empty(), null)).isNull();
        assertThat(protection.pseudonymise(null)).isNull();
    }

    @Test
    void givenAValueThatWasNeverEncrypted_whenDecrypted_thenItPassesAsItIs() {
        assertThat(FieldProtection.decrypt(Optional.of(subjectKey), NAME)).isEqualTo(NAME);
        assertThat(FieldProtection.decrypt(Optional.empty(), NAME)).isEqualTo(NAME);
    }

    @Test
    void givenOnePseudonymKey_whenAValueIsPseudonymisedTwice_thenThePseudonymIsTheSame() {
        byte[] key = ResidencyFixture.randomKeyBytes();

        String pseudonym = new FieldProtection(key).pseudonymise(EMAIL);

        assertThat(pseudonym).startsWith("pseu:").hasSize("pseu:".length() + 32);
        assertThat(new FieldProtection(key).pseudonymise(EMAIL)).isEqualTo(pseudonym);
        assertThat(new FieldProtection(key).pseudonymise(NAME)).isNotEqualTo(pseudonym);
    }

    @Test
    void givenTwoPseudonymKeys_whenTheSameValueIsPseudonymised_thenThePseudonymsDiffer() {
        String first = new FieldProtection(ResidencyFixture.randomKeyBytes()).pseudonymise(EMAIL);
        String second = new FieldProtection(ResidencyFixture.randomKeyBytes()).pseudonymise(EMAIL);

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void givenAValue_whenPseudonymised_thenThePseudonymNeverContainsIt() {
        FieldProtection protection = new FieldProtection(ResidencyFixture.randomKeyBytes());

        for (String plain : new String[] {NAME, EMAIL, ResidencyFixture.PHONE}) {
            assertThat(protection.pseudonymise(plain).substring("pseu:".length())).doesNotContain(plain);
        }
    }
}
