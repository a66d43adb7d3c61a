package dev.regent.projections.deadletter;

import dev.regent.projections.replication.FrozenEventException;
import dev.regent.projections.replication.StorageFailedException;
import dev.regent.projections.replication.UnreadableRowException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parks every event a read model fails on, with its {@link ParkedReason} as the cause type, logs it and counts it
 * ({@code regent.projection.parked}, by aggregate type and reason). Nothing is dropped: a parked event stays until it
 * is retried successfully or an operator skips it.
 *
 * <p>A failure of the database itself (connection lost, deadlock, shutdown, a transaction already aborted) says
 * nothing about the event: it is not parked but rethrown, so the processor's batch rolls back and is retried.
 */
public class PoisonEventPolicy implements EnqueuePolicy<EventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(PoisonEventPolicy.class);
    private static final int MESSAGE_LIMIT = 1_000;

    private final MeterRegistry meters;

    public PoisonEventPolicy(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        EventMessage<?> event = letter.message();
        if (TransientFailures.isTransient(cause)) {
            log.warn("Event {} not parked: the database failed ({}); its batch is retried", event.getIdentifier(),
                    cause.toString());
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        }
        ParkedReason reason = ParkedReason.of(cause);
        String aggregateType = event instanceof DomainEventMessage<?> domain ? domain.getType() : "none";
        String detail = describe(cause);
        log.warn("Parked event {} ({} of {} {}), {}: {}", event.getIdentifier(),
                event.getPayloadType().getSimpleName(), aggregateType,
                event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : "", reason.label(),
                detail);
        log.debug("Parked event {} failed with", event.getIdentifier(), cause);
        Counter.builder("regent.projection.parked")
                .description("Events a read model could not apply, parked in its dead-letter queue, by reason")
                .tag("aggregate", aggregateType).tag("reason", reason.label())
                .register(meters).increment();
        return Decisions.enqueue(new ThrowableCause(reason.label(), detail));
    }

    /** The outermost message, with the innermost cause when it says more (e.g. Jackson's position in the payload). */
    static String describe(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StorageFailedException || cause instanceof UnreadableRowException
                    || cause instanceof FrozenEventException) {
                return cause.getMessage(); // its causes may quote the row, which never goes into a letter
            }
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(failure.getMessage());
        if (root != failure && root.getMessage() != null && !message.contains(root.getMessage())) {
            message = message + ": " + root.getMessage();
        }
        return message.length() > MESSAGE_LIMIT ? message.substring(0, MESSAGE_LIMIT) + "…" : message;
    }
}
