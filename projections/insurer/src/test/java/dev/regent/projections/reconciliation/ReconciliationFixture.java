package dev.regent.projections.reconciliation;

import dev.regent.domain.ownership.OwnershipMetadata;
import dev.regent.domain.ownership.Region;
import dev.regent.insurer.identity.CustomerContactChangedEvent;
import dev.regent.insurer.identity.CustomerId;
import dev.regent.insurer.identity.CustomerRegisteredEvent;
import dev.regent.insurer.views.identity.CustomerProjection;
import dev.regent.insurer.views.identity.CustomerView;
import dev.regent.projections.replication.ProjectionDatabase;
import dev.regent.projections.replication.ProjectionMetrics;
import dev.regent.projections.replication.ViewStores;
import dev.regent.projections.requests.RoutedRequests;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.ObjLongConsumer;
import java.util.stream.IntStream;

/** Customer views over real PostgreSQL rows, eu customers' event streams, and an owner's event store in memory. */
final class ReconciliationFixture {

    static final Region EU = Region.of("eu");
    static final Region US = Region.of("us");
    static final Region APAC = Region.of("apac");
    static final String REDACTED = "[REDACTED]";
    static final JdbcTemplate JDBC = ProjectionDatabase.jdbc();

    private ReconciliationFixture() {
    }

    static ViewStores viewStores(Region region) {
        return new ViewStores(JDBC, JacksonSerializer.defaultSerializer(), region,
                new ProjectionMetrics(new SimpleMeterRegistry(), Clock.systemUTC()), new RoutedRequests(JDBC),
                new DataSourceTransactionManager(JDBC.getDataSource()));
    }

    /** A customer projection over a view of its own for one test (other tests' rows share the database). */
    record View(String name, AnnotationEventHandlerAdapter delivery) {
    }

    static View view(ViewStores views, String name) {
        String view = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        return new View(view, new AnnotationEventHandlerAdapter(views.projection(view, CustomerView.class,
                CustomerProjection.AGGREGATE_TYPE, CustomerProjection::new)));
    }

    static void deliver(View view, List<DomainEventMessage<?>> events) {
        for (DomainEventMessage<?> event : events) {
            try {
                view.delivery().handle(event);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A customer of eu: registered, then {@code contactChanges} changes; as apac receives them when redacted. */
    static List<DomainEventMessage<?>> streamOf(String customerId, int contactChanges, boolean redacted) {
        List<DomainEventMessage<?>> stream = new ArrayList<>();
        stream.add(registered(customerId, "eu", redacted));
        for (int change = 1; change <= contactChanges; change++) {
            stream.add(event(customerId, "eu", change, new CustomerContactChangedEvent(new CustomerId(customerId),
                    redacted ? REDACTED : "c" + change + "@example.fr",
                    redacted ? REDACTED : "+33 1 00 00 00 " + String.format("%02d", change))));
        }
        return stream;
    }

    static DomainEventMessage<?> registered(String customerId, String owner, boolean redacted) {
        return event(customerId, owner, 0, new CustomerRegisteredEvent(new CustomerId(customerId),
                redacted ? REDACTED : "Amélie Poulain", redacted ? REDACTED : "amelie@example.fr",
                redacted ? REDACTED : "+33 1 00 00 00 00", "FR", "fr"));
    }

    static DomainEventMessage<?> event(String customerId, String owner, long sequence, Object payload) {
        return new GenericDomainEventMessage<>(CustomerProjection.AGGREGATE_TYPE, customerId, sequence, payload,
                Map.of(OwnershipMetadata.ORIGIN_REGION, owner, OwnershipMetadata.OWNER_EPOCH, "1"),
                customerId + "-" + sequence, Instant.parse("2026-11-23T10:00:00Z").plusSeconds(sequence));
    }

    static List<String> customers(int count) {
        return IntStream.range(0, count).mapToObj(i -> newId()).toList();
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }

    /** The owner's event store, in memory: eu's customers' streams, as {@link StoredSequences} and a fold read it. */
    static final class OwnerStore implements StoredSequences {

        private final Map<String, List<DomainEventMessage<?>>> streams = new LinkedHashMap<>();

        /** Stores the stream (of an eu customer) and applies it to the owner's view, as the owner's processor does. */
        void appendAndProject(View ownerView, List<DomainEventMessage<?>> stream) {
            append(stream);
            deliver(ownerView, stream);
        }

        void append(List<DomainEventMessage<?>> stream) {
            stream.forEach(event -> streams.computeIfAbsent(event.getAggregateIdentifier(), id -> new ArrayList<>())
                    .add(event));
        }

        @Override
        public void forEach(String aggregateType, Region owner, ObjLongConsumer<String> aggregateAndLastSequence) {
            if (owner.equals(EU) && aggregateType.equals(CustomerProjection.AGGREGATE_TYPE)) {
                streams.forEach((id, events) -> aggregateAndLastSequence.accept(id,
                        events.get(events.size() - 1).getSequenceNumber()));
            }
        }

        /** The owner's projection over its stored events, in a scratch view, as the service's fold does. */
        StoreFold fold(ViewStores views) {
            return (view, aggregateId) -> streams.containsKey(aggregateId)
                    ? views.replay(views.definition(view).orElseThrow(), aggregateId, streams.get(aggregateId))
                    : Optional.empty();
        }
    }
}
