package dev.regent.infrastructure.residency;

import dev.regent.domain.residency.Erasure;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/** Encrypting, decrypting and pseudonymising one personal value. */
public class FieldProtection {

    static final String ENCRYPTED_PREFIX = "enc:v1:";
    static final String PSEUDONYM_PREFIX = "pseu:";

    private final SecretKeySpec pseudonymKey;

    public FieldProtection(byte[] pseudonymKey) {
        this.pseudonymKey = new SecretKeySpec(pseudonymKey, "HmacSHA256");
    }

    /** Deterministic for a key and value (synthetic IV): what a replica holds can be recomputed by the owner. */
    public static String encrypt(SecretKey subjectKey, String plain) {
        if (plain == null || isMarker(plain)) {
            return plain;
        }
        return ENCRYPTED_PREFIX + Base64.getEncoder().encodeToString(
                SubjectKeys.sealDeterministically(subjectKey, plain.getBytes(StandardCharsets.UTF_8)));
    }

    /** The plain value; {@link Erasure#ERASED} when its key is gone. Values that are not encrypted pass as they are. */
    public static String decrypt(Optional<SecretKey> subjectKey, String value) {
        if (value == null || !value.startsWith(ENCRYPTED_PREFIX)) {
            return value;
        }
        if (subjectKey.isEmpty()) {
            return Erasure.ERASED;
        }
        byte[] sealed = Base64.getDecoder().decode(value.substring(ENCRYPTED_PREFIX.length()));
        return new String(SubjectKeys.open(subjectKey.get(), sealed), StandardCharsets.UTF_8);
    }

    /** A stable keyed hash (HMAC-SHA-256, 128 bits shown): equal values give equal pseudonyms, per owner region. */
    public String pseudonymise(String plain) {
        if (plain == null || isMarker(plain)) {
            return plain;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(pseudonymKey);
            byte[] digest = mac.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return PSEUDONYM_PREFIX + HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available", e);
        }
    }

    private static boolean isMarker(String value) {
        return value.equals(Erasure.ERASED) || value.equals(EgressAction.REDACTED);
    }
}
