package dev.regent.insurer.views.identity;

import dev.regent.domain.ownership.Region;
import dev.regent.projections.replication.ProjectionDatabase;
import dev.regent.projections.replication.ProjectionMetrics;
import dev.regent.projections.replication.VersionedView;
import dev.regent.projections.replication.ViewStores;
import dev.regent.projections.requests.RoutedRequests;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Redelivery and reordering, normal with Kafka and MirrorMaker 2, must leave a replica exactly as in-order delivery. */
class CustomerProjectionTest {

    private final JdbcTemplate jdbc = ProjectionDatabase.jdbc();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final CustomerProjection projection = new ViewStores(jdbc, JacksonSerializer.defaultSerializer(),
            Region.of("us"), new ProjectionMetrics(meters, Clock.systemUTC()), new RoutedRequests(jdbc),
            new DataSourceTransactionManager(jdbc.getDataSource()))
            .projection(CustomerProjection.VIEW, CustomerView.class, CustomerProjection.AGGREGATE_TYPE,
                    CustomerProjection::new);
    private final AnnotationEventHandlerAdapter delivery = new AnnotationEventHandlerAdapter(projection);
    private final TransactionTemplate transactions = new TransactionTemplate(
            new DataSourceTransactionManager(jdbc.getDataSource()));

    @Test
    void givenAStreamInOrder_whenDelivered_thenTheReplicaShowsTheLastContactAndVersion() {
        String id = newCustomerId();
        deliver(CustomerEventsFixture.streamOf(id, 2));

        VersionedView<CustomerView> view = projection.find(id).orElseThrow();
        assertThat(view.version()).isEqualTo(3);
        assertThat(view.owner()).isEqualTo(Region.of("eu"));
        assertThat(view.ownerEpoch()).isEqualTo(1);
        assertThat(view.state()).isEqualTo(new CustomerView(id, "Amélie Poulain", "amelie2@example.fr",
                "+33 1 00 00 00 02", "FR", "fr"));
    }

    @Test
    void givenEveryEventDeliveredTwice_thenTheReplicaIsIdenticalToInOrderDelivery() {
        String inOrder = newCustomerId();
        String twice = newCustomerId();
        deliver(CustomerEventsFixture.streamOf(inOrder, 3));
        for (DomainEventMessage<?> event : CustomerEventsFixture.streamOf(twice, 3)) {
            deliver(List.of(event, event));
        }
        deliver(CustomerEventsFixture.streamOf(twice, 3));

        assertThat(row(twice)).isEqualTo(row(inOrder).replace(inOrder, twice));
        assertThat(meters.counter("regent.projection.events", "view", "customers", "outcome", "duplicate").count())
                .isEqualTo(8);
    }

    @Test
    void givenAGap_whenTheMissingEventArrives_thenHeldEventsAreAppliedInOrder() {
        String id = newCustomerId();
        List<DomainEventMessage<?>> stream = CustomerEventsFixture.streamOf(id, 3);

        deliver(List.of(stream.get(0), stream.get(2), stream.get(3)));
        assertThat(projection.find(id).orElseThrow().version()).as("held behind the gap").isEqualTo(1);
        assertThat(heldFor(id)).isEqualTo(2);

        deliver(List.of(stream.get(1)));
        assertThat(projection.find(id).orElseThrow().version()).isEqualTo(4);
        assertThat(projection.find(id).orElseThrow().state().email()).isEqualTo("amelie3@example.fr");
        assertThat(heldFor(id)).isZero();
    }

    @Test
    void givenTheCreationArrivesLast_thenNothingIsLost() {
        String id = newCustomerId();
        List<DomainEventMessage<?>> stream = new ArrayList<>(CustomerEventsFixture.streamOf(id, 2));
        Collections.reverse(stream);

        deliver(stream);

        assertThat(projection.find(id).orElseThrow().version()).isEqualTo(3);
        assertThat(projection.find(id).orElseThrow().state().email()).isEqualTo("amelie2@example.fr");
    }

    @Test
    void givenACustomerEventThisViewDoesNotShow_thenLaterEventsAreNotHeldBehindIt() {
        record CustomerNicknameChosenEvent(String nickname) {
        }
        String id = newCustomerId();
        List<DomainEventMessage<?>> stream = new ArrayList<>(CustomerEventsFixture.streamOf(id, 0));
        stream.add(CustomerEventsFixture.event(id, 1, new CustomerNicknameChosenEvent("Mélie")));
        stream.addAll(CustomerEventsFixture.streamOf(id, 2).subList(2, 3).stream()
                .map(event -> CustomerEventsFixture.event(id, 2, event.getPayload())).toList());

        deliver(stream);

        assertThat(projection.find(id).orElseThrow().version()).isEqualTo(3);
        assertThat(projection.find(id).orElseThrow().state().email()).isEqualTo("amelie2@example.fr");
    }

    @Property(tries = 30)
    void anyRedeliveryAndReorderingConvergesToInOrderState(@ForAll("deliveryOrders") List<Integer> order) {
        String reference = newCustomerId();
        String shuffled = newCustomerId();
        deliver(CustomerEventsFixture.streamOf(reference, 5));
        List<DomainEventMessage<?>> stream = CustomerEventsFixture.streamOf(shuffled, 5);

        deliver(order.stream().<DomainEventMessage<?>>map(stream::get).toList());

        assertThat(row(shuffled)).isEqualTo(row(reference).replace(reference, shuffled));
        assertThat(heldFor(shuffled)).isZero();
    }

    @Property(tries = 30)
    void anyRedeliveryAndReorderingInProcessorBatchesConvergesToInOrderState(
            @ForAll("deliveryOrders") List<Integer> order, @ForAll @IntRange(min = 1, max = 8) int batchSize) {
        String reference = newCustomerId();
        String shuffled = newCustomerId();
        String alongside = newCustomerId();
        deliver(CustomerEventsFixture.streamOf(reference, 5));
        List<DomainEventMessage<?>> stream = CustomerEventsFixture.streamOf(shuffled, 5);
        List<DomainEventMessage<?>> interleaved = new ArrayList<>();
        order.forEach(index -> interleaved.add(stream.get(index)));
        CustomerEventsFixture.streamOf(alongside, 5).forEach(event -> interleaved.add(
                Math.min(interleaved.size(), (int) event.getSequenceNumber() * 2), event));

        deliverInBatches(interleaved, batchSize);

        assertThat(row(shuffled)).isEqualTo(row(reference).replace(reference, shuffled));
        assertThat(row(alongside)).isEqualTo(row(reference).replace(reference, alongside));
        assertThat(heldFor(shuffled)).isZero();
    }

    /** Every index of a 6-event stream at least once, some repeated, in any order. */
    @Provide
    Arbitrary<List<Integer>> deliveryOrders() {
        return Arbitraries.integers().between(0, 5).list().ofMaxSize(6).flatMap(extra -> Arbitraries.randoms()
                .map(random -> shuffle(extra, random)));
    }

    private static List<Integer> shuffle(List<Integer> extra, Random random) {
        List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5));
        order.addAll(extra);
        Collections.shuffle(order, random);
        return order;
    }

    private void deliver(List<? extends DomainEventMessage<?>> events) {
        for (DomainEventMessage<?> event : events) {
            try {
                delivery.handle(event);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** As a tracking processor delivers: in batches, each one unit of work in one transaction. */
    private void deliverInBatches(List<? extends DomainEventMessage<?>> events, int size) {
        for (int from = 0; from < events.size(); from += size) {
            List<DomainEventMessage<?>> batch = new ArrayList<>(events.subList(from, Math.min(events.size(),
                    from + size)));
            transactions.executeWithoutResult(transaction -> {
                ResultMessage<?> result = new BatchingUnitOfWork<>(batch).executeWithResult(() ->
                        delivery.handle((EventMessage<?>) CurrentUnitOfWork.get().getMessage()));
                if (result.isExceptional()) {
                    throw new IllegalStateException("batch failed", result.exceptionResult());
                }
            });
        }
    }

    private String row(String id) {
        Map<String, Object> row = jdbc.queryForMap("select aggregate_type, owner_region, owner_epoch, last_sequence, "
                + "state::text as state, last_event_at from regent_view where view_name = 'customers' and "
                + "aggregate_id = ?", id);
        return row.toString();
    }

    private int heldFor(String id) {
        Integer held = jdbc.queryForObject("select count(*) from regent_held_event where aggregate_id = ?",
                Integer.class, id);
        return held == null ? 0 : held;
    }

    private static String newCustomerId() {
        return UUID.randomUUID().toString();
    }
}
