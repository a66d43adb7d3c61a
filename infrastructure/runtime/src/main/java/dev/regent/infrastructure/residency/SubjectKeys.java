package dev.regent.infrastructure.residency;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One AES-256 key per data subject, kept in the owner region's database only, wrapped (AES-GCM) with the region's
 * master key. Shredding a subject nulls its wrapped key: whatever was encrypted with it, here or in any other region,
 * can no longer be read. Statements join the caller's transaction.
 */
public class SubjectKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int IV_BYTES = 12;

    private final JdbcTemplate jdbc;
    private final SecretKey masterKey;

    public SubjectKeys(JdbcTemplate jdbc, SecretKey masterKey) {
        this.jdbc = jdbc;
        this.masterKey = masterKey;
    }

    /**
     * The subject's key, created on first use; empty once the subject has been erased. Not cached beyond the caller's
     * transaction: no one keeps using a key after it was shredded, and no key created by a transaction that rolled
     * back is ever used.
     */
    public Optional<SecretKey> keyFor(String subject) {
        Optional<Optional<byte[]>> stored = stored(subject);
        if (stored.isEmpty()) {
            jdbc.update("insert into regent_subject_key (subject_id, wrapped_key) values (?, ?) "
                    + "on conflict (subject_id) do nothing", subject, wrap(newKey()));
            stored = stored(subject);
        }
        return stored.flatMap(wrapped -> wrapped.map(this::unwrap));
    }

    /** The subject's key if it exists and was not shredded; never creates one. */
    public Optional<SecretKey> existingKeyFor(String subject) {
        return stored(subject).flatMap(wrapped -> wrapped.map(this::unwrap));
    }

    /** Whether the subject was erased here (its key shredded). */
    public boolean shredded(String subject) {
        return stored(subject).map(Optional::isEmpty).orElse(false);
    }

    /**
     * Empty: no key yet; an empty wrapped key: shredded. Read once per transaction (an aggregate's events all need
     * the same key): the transaction sees the key as it was when it first asked, as it would a row it had read.
     */
    private Optional<Optional<byte[]>> stored(String subject) {
        Map<String, Optional<Optional<byte[]>>> readInThisTransaction = transactionMemo();
        Optional<Optional<byte[]>> known = readInThisTransaction == null ? null : readInThisTransaction.get(subject);
        if (known != null) {
            return known;
        }
        Optional<Optional<byte[]>> stored = jdbc.query("select wrapped_key from regent_subject_key "
                        + "where subject_id = ?", (rs, n) -> Optional.ofNullable(rs.getBytes(1)), subject).stream()
                .findFirst();
        if (readInThisTransaction != null && stored.isPresent()) {
            readInThisTransaction.put(subject, stored);
        }
        return stored;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Optional<Optional<byte[]>>> transactionMemo() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        Object memo = TransactionSynchronizationManager.getResource(this);
        if (memo == null) {
            memo = new HashMap<String, Optional<Optional<byte[]>>>();
            TransactionSynchronizationManager.bindResource(this, memo);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(SubjectKeys.this);
                }
            });
        }
        return (Map<String, Optional<Optional<byte[]>>>) memo;
    }

    /** Crypto-shredding: the subject's key is gone for good. */
    public void shred(String subject) {
        Map<String, Optional<Optional<byte[]>>> readInThisTransaction = transactionMemo();
        if (readInThisTransaction != null) {
            readInThisTransaction.remove(subject);
        }
        jdbc.update("insert into regent_subject_key (subject_id, wrapped_key, erased_at) values (?, null, now()) "
                + "on conflict (subject_id) do update set wrapped_key = null, erased_at = now()", subject);
    }

    /**
     * The key a subject's {@code SHARE}d values travel under toward one destination: derived from the subject's key
     * (HMAC-SHA-256 of the destination's name), so the owner never stores it, a destination granted it reads nothing
     * else (not the values sealed for another region, not those the policy {@code ENCRYPT}s), and shredding the
     * subject's key at the owner ends every grant of it.
     */
    public static SecretKey shareKey(SecretKey subjectKey, String destination) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(subjectKey.getEncoded(), "HmacSHA256"));
            return new SecretKeySpec(mac.doFinal(("regent-share:v1:" + destination).getBytes(StandardCharsets.UTF_8)),
                    "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available", e);
        }
    }

    private static SecretKey newKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, RANDOM);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256 is not available", e);
        }
    }

    private byte[] wrap(SecretKey key) {
        return wrap(masterKey, key);
    }

    private SecretKey unwrap(byte[] wrapped) {
        return unwrap(masterKey, wrapped);
    }

    /** A key sealed under a region's master key, as it is kept at rest. */
    static byte[] wrap(SecretKey masterKey, SecretKey key) {
        return seal(masterKey, key.getEncoded());
    }

    static SecretKey unwrap(SecretKey masterKey, byte[] wrapped) {
        return new SecretKeySpec(open(masterKey, wrapped), "AES");
    }

    /** AES-GCM: a fresh random 96-bit IV, then the ciphertext with its tag. */
    static byte[] seal(SecretKey key, byte[] plain) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        return seal(key, iv, plain);
    }

    /**
     * AES-GCM with a synthetic IV (an HMAC of the plaintext under a key derived from the subject's key, as in SIV):
     * the same value under the same key always seals the same way, so an owner can recompute exactly what a replica
     * holds (reconciliation) while distinct values never share an IV. Equal values stay visibly equal, like
     * pseudonyms.
     */
    static byte[] sealDeterministically(SecretKey key, byte[] plain) {
        try {
            Mac ivKey = Mac.getInstance("HmacSHA256");
            ivKey.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            byte[] derived = ivKey.doFinal("regent-synthetic-iv".getBytes(StandardCharsets.UTF_8));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(derived, "HmacSHA256"));
            return seal(key, Arrays.copyOf(mac.doFinal(plain), IV_BYTES), plain);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available", e);
        }
    }

    private static byte[] seal(SecretKey key, byte[] iv, byte[] plain) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }

    /** @throws IllegalStateException when the data was not sealed with {@code key} (or was tampered with) */
    static byte[] open(SecretKey key, byte[] sealed) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 0, IV_BYTES));
            return cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Decryption failed: wrong key or altered data", e);
        }
    }
}
