package dev.regent.infrastructure.kafka;

import dev.regent.infrastructure.postgres.ForwardingEventStorageEngine;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventhandling.TrackingToken;

import java.util.List;
import java.util.Spliterator;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Signals {@link RegionArrivals} when events are appended (after their transaction commits) and after each event read
 * from the store by position, once whoever reads it has taken it. Axon's embedded event store reads new events this
 * way, in one producer thread, into the cache its tailing processors read: that signal comes after the event is in
 * the cache, so an idle processor woken by it finds it; the commit's signal serves the processors Axon reads for
 * separately (its "private" streams), which it would otherwise leave waiting for their availability timeout.
 */
public final class ArrivalSignallingStorageEngine extends ForwardingEventStorageEngine {

    private final RegionArrivals arrivals;

    public ArrivalSignallingStorageEngine(EventStorageEngine delegate, RegionArrivals arrivals) {
        super(delegate);
        this.arrivals = arrivals;
    }

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        delegate.appendEvents(events);
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(committed -> arrivals.signal());
        } else {
            arrivals.signal();
        }
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        Stream<? extends TrackedEventMessage<?>> events = delegate.readEvents(trackingToken, mayBlock);
        return StreamSupport.stream(new Signalling<>(events.spliterator(), arrivals), false).onClose(events::close);
    }

    private record Signalling<T>(Spliterator<T> delegate, RegionArrivals arrivals) implements Spliterator<T> {

        @Override
        public boolean tryAdvance(Consumer<? super T> action) {
            boolean advanced = delegate.tryAdvance(action);
            if (advanced) {
                arrivals.signal();
            }
            return advanced;
        }

        @Override
        public Spliterator<T> trySplit() {
            return null;
        }

        @Override
        public long estimateSize() {
            return delegate.estimateSize();
        }

        @Override
        public int characteristics() {
            return delegate.characteristics() & ~(SIZED | SUBSIZED);
        }
    }
}
