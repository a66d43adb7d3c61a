package dev.regent.infrastructure.kafka;

/**
 * What a region does at start with one of its topics that would drop events ({@code regent.kafka.fix-retention}).
 * Fixing is the default: refusing to start would not stop the broker from deleting the records meanwhile.
 */
public enum OnFiniteRetention {
    /** Set the topic to keep everything, logging a warning with the old and the new value. */
    FIX,
    /** Refuse to start, naming each topic and setting, and leave the topics as they are. */
    REFUSE;

    public static OnFiniteRetention fix(boolean fixRetention) {
        return fixRetention ? FIX : REFUSE;
    }
}
