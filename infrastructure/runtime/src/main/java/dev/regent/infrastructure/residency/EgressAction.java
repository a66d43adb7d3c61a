package dev.regent.infrastructure.residency;

/** What happens to a class of data on its way to another region. */
public enum EgressAction {
    /**
     * Readable by the destination: sealed on the wire under the subject's share key for it (never in a log in the
     * clear), opened there with the key the owner grants it ({@link SharedFieldsReveal}).
     */
    SHARE,
    /** Replaced with {@value #REDACTED}. */
    REDACT,
    /** A stable keyed hash: equal values stay equal (joins still work), the value cannot be read back. */
    PSEUDONYMISE,
    /** Encrypted with the subject's key, which never leaves the owner region: unreadable elsewhere, erasable. */
    ENCRYPT,
    /** Removed (null). */
    DROP;

    public static final String REDACTED = "[REDACTED]";
}
