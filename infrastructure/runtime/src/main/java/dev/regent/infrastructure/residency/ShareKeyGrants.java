package dev.regent.infrastructure.residency;

import dev.regent.domain.ownership.Region;

import javax.crypto.SecretKey;
import java.util.Optional;

/** Where a destination asks an owner for a subject's share key: the owner's answer over the peer channel. */
@FunctionalInterface
public interface ShareKeyGrants {

    /** What the owner answered. */
    enum Outcome { GRANTED, ERASED, UNKNOWN }

    /** @param key present when {@link Outcome#GRANTED} */
    record Grant(Outcome outcome, Optional<SecretKey> key) {

        public static Grant granted(SecretKey key) {
            return new Grant(Outcome.GRANTED, Optional.of(key));
        }

        public static final Grant ERASED = new Grant(Outcome.ERASED, Optional.empty());
        public static final Grant UNKNOWN = new Grant(Outcome.UNKNOWN, Optional.empty());
    }

    /**
     * @throws IllegalStateException when the owner cannot answer now (unreachable, refusing): the caller retries
     */
    Grant request(Region owner, String subject);
}
