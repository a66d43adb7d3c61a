package dev.regent.infrastructure.residency;

import dev.regent.infrastructure.embedded.EmbeddedPostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.crypto.SecretKey;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Subject keys in a real PostgreSQL with Regent's schema. */
class SubjectKeysIT {

    @TempDir
    static Path tempDir;

    private static EmbeddedPostgresServer postgres;
    private static JdbcTemplate jdbc;

    private final SecretKey masterKey = ResidencyFixture.randomAesKey();
    private final SubjectKeys keys = new SubjectKeys(jdbc, masterKey);

    @BeforeAll
    static void startPostgres() {
        postgres = ResidencyFixture.migratedPostgres("subject-keys", tempDir.resolve("pg"));
        jdbc = new JdbcTemplate(postgres.dataSource());
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    private static String newSubject() {
        return ResidencyFixture.newCustomer().value();
    }

    private static int rowsFor(String subject) {
        return jdbc.queryForObject("select count(*) from regent_subject_key where subject_id = ?", Integer.class,
                subject);
    }

    @Test
    void givenANewSubject_whenItsKeyIsAskedForTwice_thenOneKeyIsCreatedAndStaysTheSame() {
        String subject = newSubject();

        SecretKey first = keys.keyFor(subject).orElseThrow();
        SecretKey second = keys.keyFor(subject).orElseThrow();

        assertThat(first.getEncoded()).hasSize(32).isEqualTo(second.getEncoded());
        assertThat(keys.existingKeyFor(subject)).get().extracting(SecretKey::getEncoded).isEqualTo(first.getEncoded());
        assertThat(new SubjectKeys(jdbc, masterKey).keyFor(subject)).get()
                .extracting(SecretKey::getEncoded).isEqualTo(first.getEncoded());
        assertThat(rowsFor(subject)).isEqualTo(1);
    }

    @Test
    void givenTwoSubjects_whenTheirKeysAreCreated_thenTheyDiffer() {
        SecretKey first = keys.keyFor(newSubject()).orElseThrow();
        SecretKey second = keys.keyFor(newSubject()).orElseThrow();

        assertThat(first.getEncoded()).isNotEqualTo(second.getEncoded());
    }

    @Test
    void givenAnUnknownSubject_whenItsExistingKeyIsAskedFor_thenThereIsNoneAndNoneIsCreated() {
        String subject = newSubject();

        assertThat(keys.existingKeyFor(subject)).isEmpty();
        assertThat(rowsFor(subject)).isZero();
    }

    @Test
    void givenAKey_whenStored_thenTheDatabaseHoldsItOnlyWrappedWithTheMasterKey() {
        String subject = newSubject();
        byte[] key = keys.keyFor(subject).orElseThrow().getEncoded();

        byte[] wrapped = jdbc.queryForObject("select wrapped_key from regent_subject_key where subject_id = ?",
                byte[].class, subject);

        assertThat(wrapped).isNotEqualTo(key);
        assertThat(indexOf(wrapped, Arrays.copyOf(key, 8))).isNegative();
        assertThatThrownBy(() -> new SubjectKeys(jdbc, ResidencyFixture.randomAesKey()).existingKeyFor(subject))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void givenASubjectWithAKey_whenShredded_thenItsKeyIsGoneForGood() {
        String subject = newSubject();
        keys.keyFor(subject).orElseThrow();

        keys.shred(subject);

        assertThat(keys.existingKeyFor(subject)).isEmpty();
        assertThat(keys.keyFor(subject)).isEmpty();
        assertThat(keys.keyFor(subject)).isEmpty();
        assertThat(keys.existingKeyFor(subject)).isEmpty();
        assertThat(rowsFor(subject)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select erased_at is not null and wrapped_key is null from regent_subject_key"
                + " where subject_id = ?", Boolean.class, subject)).isTrue();
    }

    @Test
    void givenASubjectThatNeverHadAKey_whenShredded_thenNoKeyCanBeCreatedForIt() {
        String subject = newSubject();

        keys.shred(subject);

        assertThat(keys.keyFor(subject)).isEmpty();
        assertThat(keys.existingKeyFor(subject)).isEmpty();
    }

    @Test
    void givenAShreddedSubject_whenShreddedAgain_thenItStaysShreddedAndOthersKeepTheirKeys() {
        String erased = newSubject();
        String kept = newSubject();
        SecretKey keptKey = keys.keyFor(kept).orElseThrow();
        keys.keyFor(erased).orElseThrow();

        keys.shred(erased);
        keys.shred(erased);

        assertThat(keys.keyFor(erased)).isEmpty();
        assertThat(keys.existingKeyFor(kept)).get().extracting(SecretKey::getEncoded)
                .isEqualTo(keptKey.getEncoded());
    }

    @Test
    void givenASubjectsKey_whenAValueIsEncryptedWithIt_thenOnlyThatKeyReadsItBackUntilShredded() {
        String subject = newSubject();
        String encrypted = FieldProtection.encrypt(keys.keyFor(subject).orElseThrow(), ResidencyFixture.EMAIL);

        assertThat(FieldProtection.decrypt(keys.existingKeyFor(subject), encrypted)).isEqualTo(ResidencyFixture.EMAIL);
        keys.shred(subject);
        assertThat(FieldProtection.decrypt(keys.existingKeyFor(subject), encrypted)).isEqualTo("[ERASED]");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
