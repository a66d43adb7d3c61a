package dev.regent.infrastructure.kafka;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.StreamableMessageSource;

import java.util.function.Supplier;

/**
 * The sources the region's read models and sagas read, wrapped as for their processors, built apart from theirs
 * (once, when first asked): for whatever must read exactly what they read without sharing their streams, a shadow
 * rebuild.
 */
public final class ProcessorEventSource implements Supplier<StreamableMessageSource<TrackedEventMessage<?>>> {

    private final Supplier<StreamableMessageSource<TrackedEventMessage<?>>> build;
    private volatile StreamableMessageSource<TrackedEventMessage<?>> source;

    ProcessorEventSource(Supplier<StreamableMessageSource<TrackedEventMessage<?>>> build) {
        this.build = build;
    }

    @Override
    public synchronized StreamableMessageSource<TrackedEventMessage<?>> get() {
        if (source == null) {
            source = build.get();
        }
        return source;
    }
}
