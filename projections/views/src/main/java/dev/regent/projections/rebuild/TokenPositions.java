package dev.regent.projections.rebuild;

import org.axonframework.eventhandling.MultiSourceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;

import java.util.Objects;

/**
 * How far a token has got, as a count of events, for progress reports. Replays and multi-source tokens are unwrapped;
 * a source whose tokens do not tell their position themselves (Kafka's) plugs in through {@link #ofSource}.
 */
public interface TokenPositions {

    /** A single source's token; by default what the token says of itself. */
    default long ofSource(TrackingToken token) {
        return Math.max(0, token.position().orElse(0));
    }

    default long of(TrackingToken token) {
        if (token == null) {
            return 0;
        }
        if (token instanceof ReplayToken replay) {
            return of(replay.getCurrentToken());
        }
        if (token instanceof MultiSourceTrackingToken multiSource) {
            return multiSource.getTrackingTokens().values().stream().filter(Objects::nonNull).mapToLong(this::of)
                    .sum();
        }
        return ofSource(token);
    }
}
