package dev.regent.projections.deadletter;

import dev.regent.insurer.identity.CustomerContactChangedEvent;
import dev.regent.insurer.identity.CustomerId;
import dev.regent.insurer.identity.CustomerRegisteredEvent;
import dev.regent.domain.ownership.OwnershipMetadata;
import dev.regent.domain.ownership.Region;
import dev.regent.insurer.policy.PolicyId;
import dev.regent.insurer.policy.PolicyIssuedEvent;
import dev.regent.insurer.views.identity.CustomerProjection;
import dev.regent.insurer.views.identity.CustomerView;
import dev.regent.insurer.views.policy.PolicyProjection;
import dev.regent.insurer.views.policy.PolicyView;
import dev.regent.projections.reconciliation.Digest;
import dev.regent.projections.reconciliation.DriftClass;
import dev.regent.projections.reconciliation.DriftComparison;
import dev.regent.projections.replication.ProjectionDatabase;
import dev.regent.projections.replication.ProjectionMetrics;
import dev.regent.projections.replication.StorageFailedException;
import dev.regent.projections.replication.UnreadableRowException;
import dev.regent.projections.replication.VersionedProjection;
import dev.regent.projections.replication.VersionedViews;
import dev.regent.projections.replication.ViewStores;
import dev.regent.projections.requests.RoutedRequests;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.deadletter.DeadLetteringEventHandlerInvoker;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.InMemorySequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Whatever an event carries, a view that cannot store what it makes of a row parks that event alone, in a transaction
 * that goes on: the events after it in the same batch are applied and everything commits.
 */
class StorageFailedTest {

    private static final String HUGE = "1E+5000";

    private final JdbcTemplate jdbc = ProjectionDatabase.jdbc();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TransactionTemplate batch = new TransactionTemplate(new DataSourceTransactionManager(
            jdbc.getDataSource()));
    private final ViewStores stores = new ViewStores(jdbc, JacksonSerializer.defaultSerializer(), Region.of("us"),
            new ProjectionMetrics(meters, Clock.systemUTC()), new RoutedRequests(jdbc),
            new DataSourceTransactionManager(jdbc.getDataSource()));
    private final SequencedDeadLetterQueue<EventMessage<?>> queue = InMemorySequencedDeadLetterQueue.defaultQueue();

    @ParameterizedTest
    @ValueSource(strings = {"HOME\u0000CONTENTS", "HOME\uD800", "huge coverage limit"})
    void givenAPolicyItsViewCannotStore_whenDeliveredInABatch_thenOnlyItIsParkedAndTheBatchCommits(String product) {
        PolicyProjection policies = stores.projection(PolicyProjection.VIEW, PolicyView.class,
                PolicyProjection.AGGREGATE_TYPE, PolicyProjection::new);
        DeadLetteringEventHandlerInvoker invoker = invoker(policies);
        String bad = UUID.randomUUID().toString();
        String good = UUID.randomUUID().toString();
        boolean huge = product.startsWith("huge");

        batch.executeWithoutResult(transaction -> {
            deliver(invoker, policy(bad, huge ? "HOME" : product, new BigDecimal(huge ? HUGE : "10000")));
            deliver(invoker, policy(good, "HOME", new BigDecimal("10000")));
        });

        assertThat(policies.find(good)).as("applied after the failure, and committed").isPresent();
        assertThat(policies.find(bad)).isEmpty();
        DeadLetter<? extends EventMessage<?>> letter = queue.deadLetterSequence(bad).iterator().next();
        assertThat(letter.cause().orElseThrow().type()).isEqualTo("storage-failed");
        assertThat(letter.cause().orElseThrow().message()).contains("policies", bad).doesNotContain("HOME");
        assertThat(meters.counter("regent.projection.parked", "aggregate", "Policy", "reason", "storage-failed")
                .count()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HOME\u0000CONTENTS", "HOME\uD800", "huge coverage limit"})
    void givenAPolicyItsViewCannotStore_whenInAProcessorsBatch_thenOnlyItIsParkedAndTheRestIsWrittenTogether(
            String product) {
        PolicyProjection policies = stores.projection(PolicyProjection.VIEW, PolicyView.class,
                PolicyProjection.AGGREGATE_TYPE, PolicyProjection::new);
        DeadLetteringEventHandlerInvoker invoker = invoker(policies);
        String bad = UUID.randomUUID().toString();
        List<String> good = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        boolean huge = product.startsWith("huge");

        deliverInProcessorBatch(invoker, List.of(policy(good.get(0), "HOME", new BigDecimal("10000")),
                policy(bad, huge ? "HOME" : product, new BigDecimal(huge ? HUGE : "10000")),
                policy(good.get(1), "HOME", new BigDecimal("10000"))));

        assertThat(good).allSatisfy(id -> assertThat(policies.find(id)).isPresent());
        assertThat(policies.find(bad)).isEmpty();
        assertThat(queue.deadLetterSequence(bad).iterator().next().cause().orElseThrow().type())
                .isEqualTo("storage-failed");
    }

    @Test
    void givenABatchPostgreSqlRefusesAsAWhole_whenRetried_thenOnlyTheEventAtFaultIsParked() {
        PolicyProjection policies = stores.projection(PolicyProjection.VIEW, PolicyView.class,
                PolicyProjection.AGGREGATE_TYPE, PolicyProjection::new);
        DeadLetteringEventHandlerInvoker invoker = invoker(policies);
        String good = UUID.randomUUID().toString();
        String refused = UUID.randomUUID().toString();
        DomainEventMessage<?> issued = policy(refused, "HOME", new BigDecimal("10000"));
        // An event id longer than the row's column: no check before the batch's write foresees it.
        List<DomainEventMessage<?>> batch = List.of(policy(good, "HOME", new BigDecimal("10000")),
                new GenericDomainEventMessage<>(issued.getType(), refused, 0, issued.getPayload(),
                        issued.getMetaData(), "e".repeat(300), issued.getTimestamp()));

        assertThatThrownBy(() -> deliverInProcessorBatch(invoker, batch)).as("the batch's write is refused")
                .hasRootCauseInstanceOf(StorageFailedException.class);
        assertThat(policies.find(good)).as("rolled back with its batch, as a processor's would be").isEmpty();

        deliverInProcessorBatch(invoker, batch);

        assertThat(policies.find(good)).as("the retry writes row by row").isPresent();
        assertThat(policies.find(refused)).isEmpty();
        assertThat(queue.deadLetterSequence(refused).iterator().next().cause().orElseThrow().type())
                .isEqualTo("storage-failed");
    }

    @Test
    void givenAHeldEventItsViewCannotStore_whenTheGapFills_thenTheHeldEventIsParkedNotTheOneThatFilledTheGap() {
        CustomerProjection customers = stores.projection(CustomerProjection.VIEW, CustomerView.class,
                CustomerProjection.AGGREGATE_TYPE, CustomerProjection::new);
        DeadLetteringEventHandlerInvoker invoker = invoker(customers);
        redeliverHeldEventsThrough(invoker, CustomerProjection.VIEW);
        String id = UUID.randomUUID().toString();
        CustomerId customer = new CustomerId(id);

        batch.executeWithoutResult(transaction -> {
            deliver(invoker, event("CustomerIdentity", id, 1, new CustomerContactChangedEvent(customer,
                    "nul\u0000@example.fr", null)));
            deliver(invoker, event("CustomerIdentity", id, 2, new CustomerContactChangedEvent(customer,
                    "later@example.fr", null)));
            deliver(invoker, event("CustomerIdentity", id, 0, new CustomerRegisteredEvent(customer, "Amélie Poulain",
                    "amelie@example.fr", "+33 1 00 00 00 00", "FR", "fr")));
        });

        assertThat(customers.find(id).orElseThrow().version()).as("registered, then stuck before #1").isEqualTo(1);
        List<Long> parked = new ArrayList<>();
        queue.deadLetterSequence(id).forEach(letter ->
                parked.add(((DomainEventMessage<?>) letter.message()).getSequenceNumber()));
        assertThat(parked).containsExactly(1L);
        assertThat(jdbc.queryForObject("select count(*) from regent_held_event where aggregate_id = ?", Long.class,
                id)).as("#2 still held behind #1").isEqualTo(1);
    }

    @Test
    void givenAStoredRowItsViewCannotRead_thenReadsNameItWithoutItsContentsAndDigestsMarkItUnreadable() {
        PolicyProjection policies = stores.projection(PolicyProjection.VIEW, PolicyView.class,
                PolicyProjection.AGGREGATE_TYPE, PolicyProjection::new);
        String id = UUID.randomUUID().toString();
        jdbc.update("""
                insert into regent_view (view_name, aggregate_id, aggregate_type, owner_region, owner_epoch,
                                         last_sequence, state, last_event_id, last_event_at)
                values ('policies', ?, 'Policy', 'eu', 1, 0, ?::jsonb, 'e', now())
                """, id, "{\"policyId\":\"" + id + "\",\"product\":\"SECRET-PRODUCT\",\"coverageLimit\":1"
                + "0".repeat(5000) + "}");

        assertThatThrownBy(() -> policies.find(id)).isInstanceOf(UnreadableRowException.class)
                .hasMessageContaining("policies").hasMessageContaining(id)
                .hasMessageNotContaining("SECRET-PRODUCT").hasMessageNotContaining("00000");
        List<Digest> digests = new ArrayList<>();
        VersionedViews<?> rows = stores.rows(PolicyProjection.VIEW).orElseThrow();
        rows.forEachRow(Region.of("eu"), row -> {
            if (row.aggregateId().equals(id)) {
                digests.add(new Digest(row.aggregateId(), row.lastSequence(), row.readable() ? "?" : Digest.UNREADABLE));
            }
        });
        assertThat(digests).singleElement().satisfies(digest -> assertThat(digest.unreadable()).isTrue());
        assertThat(DriftComparison.compare("policies", "eu", List.of(new Digest(id, 0, "abc")), digests))
                .singleElement().satisfies(drift -> assertThat(drift.driftClass()).isEqualTo(DriftClass.UNREADABLE));
    }

    private DeadLetteringEventHandlerInvoker invoker(VersionedProjection<?> projection) {
        return DeadLetteringEventHandlerInvoker.builder()
                .eventHandlers(projection)
                .queue(queue)
                .enqueuePolicy(new PoisonEventPolicy(meters))
                .transactionManager(NoTransactionManager.instance())
                .build();
    }

    /** As ReadModelDeadLetterQueues wires it in a region: held events go through the processor's invoker. */
    private void redeliverHeldEventsThrough(DeadLetteringEventHandlerInvoker invoker, String view) {
        stores.rows(view).orElseThrow().redeliverHeldEventsTo(new EventMessageHandler() {
            @Override
            public Object handle(EventMessage<?> event) throws Exception {
                invoker.handle(event, Segment.ROOT_SEGMENT);
                return null;
            }
        });
    }

    /** As a tracking processor delivers a batch: one unit of work, in one transaction, rolled back if it fails. */
    private void deliverInProcessorBatch(DeadLetteringEventHandlerInvoker invoker,
                                         List<DomainEventMessage<?>> events) {
        batch.executeWithoutResult(transaction -> {
            ResultMessage<?> result = new BatchingUnitOfWork<>(new ArrayList<>(events)).executeWithResult(() -> {
                invoker.handle((EventMessage<?>) CurrentUnitOfWork.get().getMessage(), Segment.ROOT_SEGMENT);
                return null;
            });
            if (result.isExceptional()) {
                throw new IllegalStateException("batch failed", result.exceptionResult());
            }
        });
    }

    private static void deliver(DeadLetteringEventHandlerInvoker invoker, DomainEventMessage<?> event) {
        try {
            invoker.handle(event, Segment.ROOT_SEGMENT);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static DomainEventMessage<?> policy(String id, String product, BigDecimal coverageLimit) {
        return event("Policy", id, 0, new PolicyIssuedEvent(new PolicyId(id), new CustomerId(UUID.randomUUID()
                .toString()), product, coverageLimit));
    }

    private static DomainEventMessage<?> event(String type, String id, long sequence, Object payload) {
        return new GenericDomainEventMessage<>(type, id, sequence, payload,
                Map.of(OwnershipMetadata.ORIGIN_REGION, "eu", OwnershipMetadata.OWNER_EPOCH, "1"),
                id + "-" + sequence, Instant.parse("2026-11-23T10:00:00Z").plusSeconds(sequence));
    }
}
