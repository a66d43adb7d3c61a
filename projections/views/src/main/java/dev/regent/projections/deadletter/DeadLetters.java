package dev.regent.projections.deadletter;

import dev.regent.domain.ownership.OwnershipMetadata;
import dev.regent.domain.ownership.Region;
import dev.regent.projections.replication.ViewStores;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What operators do with parked events: list them (read straight from the table, so that listing never needs to read
 * a payload this region cannot), retry them through the view's own handlers, or skip the one an aggregate is stuck on.
 */
public class DeadLetters {

    private final JdbcTemplate jdbc;
    private final Supplier<EventProcessingConfiguration> processing;
    private final ViewStores stores;
    private final TransactionTemplate transactions;
    private final Serializer eventSerializer;

    public DeadLetters(JdbcTemplate jdbc, Supplier<EventProcessingConfiguration> processing, ViewStores stores,
                       PlatformTransactionManager transactionManager, MeterRegistry meters,
                       Serializer eventSerializer) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.stores = stores;
        this.eventSerializer = eventSerializer;
        this.transactions = new TransactionTemplate(transactionManager);
        Gauge.builder("regent.projection.dead_letters", this, DeadLetters::count)
                .description("Events parked in the read models' dead-letter queues, waiting behind ones included")
                .register(meters);
    }

    /** Parked events of one view, or of every view when {@code view} is null, oldest aggregate first. */
    public List<ParkedEvent> list(String view) {
        return view == null ? query("", new Object[0]) : query(" where processing_group = ?", new Object[]{view});
    }

    /** Every view's parked events of one reason (e.g. {@code frozen}), without reading the others. */
    public List<ParkedEvent> parkedFor(ParkedReason reason) {
        return query(" where cause_type = ?", new Object[]{reason.label()});
    }

    /** The event an aggregate is stuck on in a view, if it has parked events there. */
    public Optional<ParkedEvent> firstParked(String view, String aggregateId) {
        return query(" where processing_group = ? and sequence_identifier = ?", new Object[]{view, aggregateId})
                .stream().findFirst();
    }

    /**
     * The aggregates of {@code owner} that {@code view} parked events of: those whose first parked event was appended
     * by {@code owner} (read from its metadata alone: the payload may be what this region cannot read).
     */
    public Set<String> parkedAggregates(String view, Region owner) {
        Set<String> parked = new HashSet<>();
        jdbc.query("select distinct on (sequence_identifier) sequence_identifier, meta_data from "
                + DeadLetterTable.NAME + " where processing_group = ? order by sequence_identifier, sequence_index",
                (RowCallbackHandler) rs -> {
                    if (originOf(rs.getBytes(2)).filter(owner::equals).isPresent()) {
                        parked.add(rs.getString(1));
                    }
                }, view);
        return parked;
    }

    private Optional<Region> originOf(byte[] metaData) {
        if (metaData == null) {
            return Optional.empty();
        }
        try {
            MetaData read = eventSerializer.deserialize(new SimpleSerializedObject<>(metaData, byte[].class,
                    MetaData.class.getName(), null));
            return OwnershipMetadata.region(read, OwnershipMetadata.ORIGIN_REGION);
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private List<ParkedEvent> query(String where, Object[] arguments) {
        return jdbc.query("select *, sequence_index - min(sequence_index) over (partition by processing_group, "
                        + "sequence_identifier) as position from " + DeadLetterTable.NAME + where
                        + " order by processing_group, sequence_identifier, sequence_index",
                (rs, n) -> {
                    String reason = rs.getString("cause_type");
                    return new ParkedEvent(rs.getString("dead_letter_id"), rs.getString("processing_group"),
                            rs.getString("aggregate_type"), rs.getString("aggregate_id"),
                            (Long) rs.getObject("sequence_number"), rs.getInt("position"), rs.getString("event_id"),
                            rs.getString("payload_type"), rs.getString("payload_revision"),
                            reason == null ? ParkedEvent.WAITING_BEHIND : reason, rs.getString("cause_message"),
                            rs.getString("enqueued_at"), rs.getString("last_touched"));
                }, arguments);
    }

    public long count() {
        Long count = jdbc.queryForObject("select count(*) from " + DeadLetterTable.NAME, Long.class);
        return count == null ? 0 : count;
    }

    /** What a retry did: aggregates whose parked events all applied, and events still parked in the view. */
    public record RetryOutcome(String view, int aggregatesTried, int aggregatesCleared, long stillParked) {
    }

    /**
     * Hands each aggregate's parked events, in order, to the view's handlers again (after an upgrade taught this region
     * their type or revision); an aggregate whose first event fails again stays parked, with the new reason.
     */
    public RetryOutcome retry(String view) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(view);
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processor(view);
        int tried = (int) queue.amountOfSequences();
        int cleared = 0;
        for (int n = 0; n < tried; n++) {
            if (processor.processAny()) {
                cleared++;
            }
        }
        return new RetryOutcome(view, tried, cleared, queue.size());
    }

    /**
     * Gives up on the event an aggregate is stuck on: the view's row moves past it (its state unchanged), the letter is
     * removed, and the events parked behind it are applied. Only the first parked event of an aggregate can be
     * skipped; reconciliation with the owner repairs what the skipped event would have changed.
     */
    public RetryOutcome skip(String view, String letterId) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(view);
        String aggregateId = jdbc.query("select sequence_identifier from " + DeadLetterTable.NAME
                        + " where processing_group = ? and dead_letter_id = ?", (rs, n) -> rs.getString(1), view,
                letterId).stream().findFirst().orElseThrow(() -> new NoSuchElementException(
                "No event is parked in view " + view + " under id " + letterId));
        Iterator<DeadLetter<? extends EventMessage<?>>> sequence = queue.deadLetterSequence(aggregateId).iterator();
        DeadLetter<? extends EventMessage<?>> first = sequence.next();
        String firstId = ((JdbcDeadLetter<?>) first).getIdentifier();
        if (!firstId.equals(letterId)) {
            throw new IllegalStateException("Parked event " + letterId + " waits behind " + firstId + " of aggregate "
                    + aggregateId + ": skip " + firstId + " first");
        }
        transactions.executeWithoutResult(status -> {
            stores.rows(view).orElseThrow().skip((DomainEventMessage<?>) first.message());
            queue.evict(first);
        });
        boolean cleared = !queue.contains(aggregateId)
                || processor(view).process(letter -> aggregateId.equals(sequenceOf(letter)));
        return new RetryOutcome(view, 1, cleared ? 1 : 0, queue.size());
    }

    private static String sequenceOf(DeadLetter<? extends EventMessage<?>> letter) {
        return letter.message() instanceof DomainEventMessage<?> event ? event.getAggregateIdentifier() : null;
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String view) {
        return processing.get().deadLetterQueue(view).orElseThrow(() -> new NoSuchElementException(
                "No read model named " + view + " parks events; known: " + stores.definitions().stream()
                        .map(definition -> definition.name()).sorted().toList()));
    }

    private SequencedDeadLetterProcessor<EventMessage<?>> processor(String view) {
        return processing.get().sequencedDeadLetterProcessor(view).orElseThrow(() -> new IllegalStateException(
                "View " + view + " has no dead-letter processor"));
    }
}
