package dev.regent.infrastructure.kafka;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.StreamableMessageSource;

import java.util.function.Supplier;

/**
 * The source the region's read models and sagas read, as Axon built it for their processors (every wrapper included),
 * for whatever must read exactly what they read: a shadow rebuild.
 */
public final class ProcessorEventSource implements Supplier<StreamableMessageSource<TrackedEventMessage<?>>> {

    private volatile StreamableMessageSource<TrackedEventMessage<?>> source;

    StreamableMessageSource<TrackedEventMessage<?>> remember(StreamableMessageSource<TrackedEventMessage<?>> built) {
        this.source = built;
        return built;
    }

    @Override
    public StreamableMessageSource<TrackedEventMessage<?>> get() {
        StreamableMessageSource<TrackedEventMessage<?>> built = source;
        if (built == null) {
            throw new IllegalStateException("Axon has not built the processors' event source yet");
        }
        return built;
    }
}
