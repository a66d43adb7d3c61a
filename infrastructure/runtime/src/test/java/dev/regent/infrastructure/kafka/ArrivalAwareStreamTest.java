package dev.regent.infrastructure.kafka;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An idle processor sleeps through its availability timeout, and still sees every event as soon as it comes. */
class ArrivalAwareStreamTest {

    private static final int LONG_TIMEOUT_SECONDS = 60;

    private final RegionArrivals arrivals = new RegionArrivals();
    private final FakeStreams streams = new FakeStreams();
    private final ArrivalAwareStream stream = new ArrivalAwareStream(streams, arrivals);

    @Test
    void givenAnIdleProcessorWaitingLong_whenAnotherProcessorsBufferFetchesRecords_thenItWakesAtOnceAndLooks()
            throws Exception {
        ArrivalAwareStream lookingAtTheStoreOnlyEveryMinute = new ArrivalAwareStream(streams, arrivals, 60, 60,
                TimeUnit.SECONDS);
        CompletableFuture<Boolean> waiting = waitLong(lookingAtTheStoreOnlyEveryMinute);
        await().atMost(Duration.ofSeconds(5)).until(() -> streams.checks.get() > 0);

        streams.available.set(true);
        new ArrivalOrderBuffer(10, arrivals).putAll(List.of(ArrivalOrderBufferTest.record("mirrored", 1, 0)));

        assertThat(waiting.get(5, TimeUnit.SECONDS)).as("woken long before its 60 s timeout").isTrue();
    }

    @Test
    void givenAnIdleProcessorWaitingLong_whenALocalEventIsStored_thenItIsSeenWithoutAnySignal() throws Exception {
        CompletableFuture<Boolean> waiting = waitLong(stream);
        await().atMost(Duration.ofSeconds(5)).until(() -> streams.checks.get() > 0);

        streams.available.set(true);

        assertThat(waiting.get(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void givenNothingArrives_whenTheTimeoutPasses_thenNothingIsAvailable() throws Exception {
        assertThat(stream.hasNextAvailable(50, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(streams.checks.get()).as("looked at when asked and at the deadline, not spun on").isEqualTo(2);
    }

    @Test
    void givenASignalThatDidNotFindItsEvent_thenTheProcessorLooksAgainSoonForAWhile() throws Exception {
        ArrivalAwareStream stream = new ArrivalAwareStream(streams, arrivals, 60_000, 10, TimeUnit.MILLISECONDS);
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return stream.hasNextAvailable(500, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5)).until(() -> streams.checks.get() > 0);

        arrivals.signal(); // e.g. a commit whose event Axon's store does not hand this stream yet

        assertThat(waiting.get(5, TimeUnit.SECONDS)).isFalse();
        // Every 10 ms for what is left of the 500 ms; without the signal, twice in all (see the test above).
        assertThat(streams.checks.get()).as("looked again soon after the signal, not once a minute")
                .isGreaterThan(5);
    }

    private static CompletableFuture<Boolean> waitLong(ArrivalAwareStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return stream.hasNextAvailable(LONG_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The region's store and mirrored topics, as the multi-source stream sees them: empty until told otherwise. */
    private static final class FakeStreams implements BlockingStream<TrackedEventMessage<?>> {

        final AtomicBoolean available = new AtomicBoolean();
        final AtomicInteger checks = new AtomicInteger();

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) {
            checks.incrementAndGet();
            return available.get();
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return Optional.empty();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }

}
