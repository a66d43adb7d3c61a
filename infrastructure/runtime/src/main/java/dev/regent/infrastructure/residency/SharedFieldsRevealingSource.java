package dev.regent.infrastructure.residency;

import dev.regent.infrastructure.kafka.ForwardingMessageSource;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The mirrored topics as this region's processors read them: shared personal values opened ({@link
 * SharedFieldsReveal}) as each event is read. A key that cannot be had now (its owner unreachable) fails the read,
 * so the processor backs off and reads the same event again: nothing is skipped, nothing applied sealed.
 */
public class SharedFieldsRevealingSource extends ForwardingMessageSource {

    private final SharedFieldsReveal reveal;

    public SharedFieldsRevealingSource(StreamableMessageSource<TrackedEventMessage<?>> mirrored,
                                       SharedFieldsReveal reveal) {
        super(mirrored);
        this.reveal = reveal;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
        return new RevealingStream(delegate.openStream(token));
    }

    /** Reveals each event once, whether it is peeked at first (as a multi-source stream does) or taken directly. */
    private final class RevealingStream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> stream;
        private TrackedEventMessage<?> peeked;
        private TrackedEventMessage<?> revealed;

        RevealingStream(BlockingStream<TrackedEventMessage<?>> stream) {
            this.stream = stream;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return stream.peek().map(this::revealedOnce);
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return stream.hasNextAvailable(timeout, unit);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return revealedOnce(stream.nextAvailable());
        }

        private TrackedEventMessage<?> revealedOnce(TrackedEventMessage<?> event) {
            if (event != peeked) {
                revealed = reveal.reveal(event, true);
                peeked = event;
            }
            return revealed;
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            stream.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            return stream.setOnAvailableCallback(callback);
        }

        @Override
        public void close() {
            stream.close();
        }
    }
}
