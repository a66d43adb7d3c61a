package dev.regent.domain.ownership;

import java.util.Map;
import java.util.Optional;

/**
 * Metadata keys Regent stamps on every appended event and every routed command. Values are strings, as they travel
 * unchanged through Kafka headers.
 */
public final class OwnershipMetadata {

    /** Region whose event store appended the event (its owner at that time). */
    public static final String ORIGIN_REGION = "regent-origin-region";
    /** Owner epoch under which the event was appended. */
    public static final String OWNER_EPOCH = "regent-owner-epoch";
    /** Region where the command that caused the event entered the system. */
    public static final String ACCEPTED_REGION = "regent-accepted-region";
    /** On a routed command: the region that forwarded it to the owner. */
    public static final String FORWARDED_FROM = "regent-forwarded-from";
    /** On an event an owner published again to repair a replica: only read models take it. */
    public static final String RESYNC = "regent-resync";
    /**
     * On an event a new owner copied into its store when it took over the aggregate: the region it came from. The
     * event keeps the origin region and epoch it was appended under.
     */
    public static final String IMPORTED_FROM = "regent-imported-from";
    /** On an event a new owner copied into its store: the epoch under which it took the aggregate over. */
    public static final String IMPORTED_AT_EPOCH = "regent-imported-at-epoch";
    /** The version of the service that appended the event: what a freeze of one release's writes selects by. */
    public static final String APPLICATION_VERSION = "regent-application-version";
    /** On a routed command: the owner epoch the forwarding region resolved. */
    public static final String EXPECTED_EPOCH = "regent-expected-epoch";

    private OwnershipMetadata() {
    }

    public static Optional<Region> region(Map<String, ?> metaData, String key) {
        return Optional.ofNullable(metaData.get(key)).map(Object::toString).map(Region::of);
    }

    public static Optional<Long> epoch(Map<String, ?> metaData, String key) {
        return Optional.ofNullable(metaData.get(key)).map(Object::toString).map(Long::parseLong);
    }
}
