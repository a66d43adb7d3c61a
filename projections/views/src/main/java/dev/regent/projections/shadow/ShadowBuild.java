package dev.regent.projections.shadow;

import dev.regent.projections.rebuild.TokenPositions;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One shadow being built: reads the view's sources from their beginning until it covers {@code target} (where the live
 * processor stood at the start), in batches of at most {@code batchSize} events, each batch applied by the view's
 * projection in one transaction, as the live processor applies its batches (rows read at once, written at once).
 */
final class ShadowBuild implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ShadowBuild.class);

    private final String view;
    private final String shadowView;
    private final Instant asOf;
    private final TrackingToken target;
    private final StreamableMessageSource<TrackedEventMessage<?>> source;
    private final EventMessageHandler projection;
    private final TransactionTemplate transactions;
    private final TokenPositions positions;
    private final Clock clock;
    private final int batchSize;
    private final Instant startedAt;

    private volatile ShadowState state = ShadowState.BUILDING;
    private volatile TrackingToken position;
    private volatile long eventsRead;
    private volatile long skippedAfterAsOf;
    private volatile long failedEvents;
    private volatile Instant builtAt;
    private volatile String error;
    private volatile boolean cancelled;

    ShadowBuild(String view, String shadowView, Instant asOf, TrackingToken target,
                StreamableMessageSource<TrackedEventMessage<?>> source, EventMessageHandler projection,
                TransactionTemplate transactions, TokenPositions positions, Clock clock, int batchSize) {
        this.view = view;
        this.shadowView = shadowView;
        this.asOf = asOf;
        this.target = target;
        this.source = source;
        this.projection = projection;
        this.transactions = transactions;
        this.positions = positions;
        this.clock = clock;
        this.batchSize = batchSize;
        this.startedAt = clock.instant();
    }

    @Override
    public void run() {
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(source.createTailToken())) {
            while (!cancelled && !reachedTarget()) {
                List<TrackedEventMessage<?>> batch = nextBatch(stream);
                if (!batch.isEmpty()) {
                    apply(batch);
                    position = batch.get(batch.size() - 1).trackingToken();
                    eventsRead += batch.size();
                }
            }
            if (!cancelled) {
                builtAt = clock.instant();
                state = ShadowState.BUILT;
                log.info("Built the shadow of {}{}: {} events in {} ms ({} events/s){}", view,
                        asOf == null ? "" : " as of " + asOf, eventsRead,
                        Duration.between(startedAt, builtAt).toMillis(), Math.round(eventsPerSecond()),
                        failedEvents == 0 ? "" : ", " + failedEvents + " refused by the projection");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("The shadow of {} failed after {} events", view, eventsRead, e);
            error = "Failed after " + eventsRead + " events; the region's log says why";
            state = ShadowState.FAILED;
        }
    }

    private boolean reachedTarget() {
        return target == null || (position != null && position.covers(target));
    }

    /** The events available now, up to a batch, ending at the target if it is in there. */
    private List<TrackedEventMessage<?>> nextBatch(BlockingStream<TrackedEventMessage<?>> stream)
            throws InterruptedException {
        List<TrackedEventMessage<?>> batch = new ArrayList<>();
        if (!stream.hasNextAvailable(500, TimeUnit.MILLISECONDS)) {
            return batch;
        }
        while (batch.size() < batchSize && stream.hasNextAvailable()) {
            TrackedEventMessage<?> event = stream.nextAvailable();
            batch.add(event);
            if (event.trackingToken().covers(target)) {
                break;
            }
        }
        return batch;
    }

    private void apply(List<TrackedEventMessage<?>> batch) {
        List<TrackedEventMessage<?>> applicable = asOf == null ? batch
                : batch.stream().filter(event -> !event.getTimestamp().isAfter(asOf)).toList();
        skippedAfterAsOf += batch.size() - applicable.size();
        if (applicable.isEmpty()) {
            return;
        }
        try {
            inOneTransaction(applicable);
        } catch (RuntimeException batchRefused) {
            // One at a time, so that the event at fault is the only one left out (the live view would park it).
            for (TrackedEventMessage<?> event : applicable) {
                try {
                    inOneTransaction(List.of(event));
                } catch (RuntimeException refused) {
                    failedEvents++;
                    log.warn("The shadow of {} leaves out event {} ({} of aggregate {}): {}", view,
                            event.getIdentifier(), event.getPayloadType().getSimpleName(), aggregateOf(event),
                            refused.getClass().getSimpleName());
                }
            }
        }
    }

    private void inOneTransaction(List<? extends EventMessage<?>> events) {
        transactions.executeWithoutResult(transaction -> {
            BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(new ArrayList<>(events));
            ResultMessage<?> result = unitOfWork.executeWithResult(() -> projection.handle(unitOfWork.getMessage()));
            if (result.isExceptional()) {
                Throwable cause = result.exceptionResult();
                throw cause instanceof RuntimeException runtime ? runtime
                        : new IllegalStateException("Applying to " + shadowView + " failed", cause);
            }
        });
    }

    private static String aggregateOf(EventMessage<?> event) {
        return event instanceof org.axonframework.eventhandling.DomainEventMessage<?> domain
                ? domain.getAggregateIdentifier() : "-";
    }

    void cancel() {
        cancelled = true;
    }

    ShadowState state() {
        return state;
    }

    Instant asOf() {
        return asOf;
    }

    String shadowView() {
        return shadowView;
    }

    /** Where the shadow ended: the live processor goes on from here after a swap. */
    TrackingToken end() {
        return position != null ? position : target;
    }

    double eventsPerSecond() {
        Instant until = builtAt != null ? builtAt : clock.instant();
        double seconds = Duration.between(startedAt, until).toMillis() / 1000.0;
        return seconds > 0 ? eventsRead / seconds : 0;
    }

    ShadowStatus status() {
        long at = positions.of(position);
        long goal = positions.of(target);
        boolean built = state == ShadowState.BUILT;
        double percent = built ? 100 : goal == 0 ? 0 : Math.min(100, 100.0 * at / goal);
        return new ShadowStatus(view, shadowView, state, asOf, at, goal, percent, eventsPerSecond(), eventsRead,
                skippedAfterAsOf, failedEvents, startedAt, builtAt, error, null);
    }
}
