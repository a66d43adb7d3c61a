package dev.regent.infrastructure.kafka;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.MultiSourceTrackingToken;
import org.axonframework.eventhandling.MultiStreamableMessageSource;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;

import java.util.List;
import java.util.Map;

/**
 * Everything a region's projections and sagas read: its own event store (authoritative, complete) and the other
 * regions' mirrored topics (what they shared). The Kafka publisher is the one processor that reads only the store.
 */
public final class RegionEventSources {

    public static final String LOCAL = "local";
    public static final String MIRRORED = "mirrored";

    private RegionEventSources() {
    }

    public static StreamableMessageSource<TrackedEventMessage<?>> localAndMirrored(
            EventStore eventStore, StreamableMessageSource<TrackedEventMessage<?>> mirrored) {
        return MultiStreamableMessageSource.builder()
                .addMessageSource(LOCAL, eventStore)
                .addMessageSource(MIRRORED, mirrored)
                .longPollingSource(MIRRORED)
                .build();
    }

    /**
     * Where a new processor starts: before the first event of every source it reads. For the local-and-mirrored
     * source, Axon's own tail token would leave out the event store while the store is empty, and a multi-source
     * token whose sources come and go cannot be compared with later ones.
     */
    public static TrackingToken initialToken(StreamableMessageSource<TrackedEventMessage<?>> source) {
        return source instanceof MultiStreamableMessageSource ? beforeFirstEvent() : source.createTailToken();
    }

    static TrackingToken beforeFirstEvent() {
        return new MultiSourceTrackingToken(Map.of(
                LOCAL, GapAwareTrackingToken.newInstance(-1, List.of()),
                MIRRORED, KafkaTrackingToken.emptyToken()));
    }
}
