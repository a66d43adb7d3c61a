package dev.regent.infrastructure.kafka;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.MultiSourceTrackingToken;
import org.axonframework.eventhandling.MultiStreamableMessageSource;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a region's projections and sagas read: its own event store (authoritative, complete) and the other
 * regions' mirrored topics (what they shared). The Kafka publisher is the one processor that reads only the store.
 *
 * <p>Tokens always name both sources. Axon leaves a source out of a token while it is empty (an empty event store has
 * no tail or head), and a multi-source token whose sources come and go cannot be compared with later ones: every
 * processor, the sagas' included, would fail on its first event.
 */
public class RegionEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    public static final String LOCAL = "local";
    public static final String MIRRORED = "mirrored";

    private final MultiStreamableMessageSource sources;
    private final RegionArrivals arrivals;

    /** @param arrivals signalled as mirrored records are fetched and local events stored: what idle streams wait for */
    public RegionEventSource(EventStore eventStore, StreamableMessageSource<TrackedEventMessage<?>> mirrored,
                             RegionArrivals arrivals) {
        this.sources = MultiStreamableMessageSource.builder()
                .addMessageSource(LOCAL, eventStore)
                .addMessageSource(MIRRORED, mirrored)
                .longPollingSource(MIRRORED)
                .build();
        this.arrivals = arrivals;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new ArrivalAwareStream(sources.openStream(trackingToken), arrivals);
    }

    @Override
    public MultiSourceTrackingToken createTailToken() {
        return complete(sources.createTailToken());
    }

    @Override
    public MultiSourceTrackingToken createHeadToken() {
        return complete(sources.createHeadToken());
    }

    @Override
    public MultiSourceTrackingToken createTokenAt(Instant dateTime) {
        return complete(sources.createTokenAt(dateTime));
    }

    @Override
    public MultiSourceTrackingToken createTokenSince(Duration duration) {
        return complete(sources.createTokenSince(duration));
    }

    /** The position before the first event of both sources. */
    public static MultiSourceTrackingToken beforeFirstEvent() {
        return complete(new MultiSourceTrackingToken(Map.of()));
    }

    private static MultiSourceTrackingToken complete(MultiSourceTrackingToken token) {
        Map<String, TrackingToken> tokens = new HashMap<>(token.getTrackingTokens());
        tokens.compute(LOCAL, (source, local) -> local != null ? local : GapAwareTrackingToken.newInstance(-1, List.of()));
        tokens.compute(MIRRORED, (source, mirrored) -> mirrored != null ? mirrored : KafkaTrackingToken.emptyToken());
        return new MultiSourceTrackingToken(tokens);
    }
}
