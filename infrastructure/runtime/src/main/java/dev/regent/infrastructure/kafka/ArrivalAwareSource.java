package dev.regent.infrastructure.kafka;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

/** A message source whose streams wait for {@link RegionArrivals} (see {@link ArrivalAwareStream}): the egress's. */
final class ArrivalAwareSource extends ForwardingMessageSource {

    private final RegionArrivals arrivals;

    ArrivalAwareSource(StreamableMessageSource<TrackedEventMessage<?>> delegate, RegionArrivals arrivals) {
        super(delegate);
        this.arrivals = arrivals;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new ArrivalAwareStream(delegate.openStream(trackingToken), arrivals);
    }
}
