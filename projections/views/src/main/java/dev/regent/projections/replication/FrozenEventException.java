package dev.regent.projections.replication;

/** An event a freeze holds: parked by the read model until the freeze is thawed, then applied in order. */
public class FrozenEventException extends RuntimeException {

    public static final String PREFIX = "held by freeze ";

    public FrozenEventException(String freezeId) {
        super(PREFIX + freezeId);
    }

    /** The freeze a letter's detail names, or null when it names none. */
    public static String freezeOf(String detail) {
        return detail != null && detail.startsWith(PREFIX) ? detail.substring(PREFIX.length()).strip() : null;
    }
}
