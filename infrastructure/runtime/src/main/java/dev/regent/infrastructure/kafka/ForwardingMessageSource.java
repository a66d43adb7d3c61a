package dev.regent.infrastructure.kafka;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

import java.time.Duration;
import java.time.Instant;

/** A source that changes only how its streams behave: every token is its delegate's. */
public abstract class ForwardingMessageSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    protected final StreamableMessageSource<TrackedEventMessage<?>> delegate;

    protected ForwardingMessageSource(StreamableMessageSource<TrackedEventMessage<?>> delegate) {
        this.delegate = delegate;
    }

    @Override
    public TrackingToken createTailToken() {
        return delegate.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return delegate.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return delegate.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return delegate.createTokenSince(duration);
    }
}
