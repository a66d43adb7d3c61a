package dev.regent.insurer.views.identity;

import dev.regent.domain.containment.EventsVoided;
import dev.regent.domain.containment.VoidedEvent;
import dev.regent.domain.ownership.OwnershipMetadata;
import dev.regent.domain.ownership.Region;
import dev.regent.projections.replication.ProjectionDatabase;
import dev.regent.projections.replication.ProjectionMetrics;
import dev.regent.projections.replication.ViewStores;
import dev.regent.projections.replication.VoidRepair;
import dev.regent.projections.requests.RoutedRequests;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An owner's correction voids the last contact change of a customer: a row that showed it is made again without it,
 * on the owner from its store, elsewhere by one resync request per owner and batch; where there is no one to ask (a
 * scratch replay of the store's history), the row only moves on.
 */
class VoidedEventsProjectionTest {

    private static final Region EU = Region.of("eu");

    private final JdbcTemplate jdbc = ProjectionDatabase.jdbc();
    private final TransactionTemplate transactions = new TransactionTemplate(
            new DataSourceTransactionManager(jdbc.getDataSource()));
    private final StandInOwner owner = new StandInOwner();
    private final ViewStores stores = new ViewStores(jdbc, JacksonSerializer.defaultSerializer(), Region.of("us"),
            new ProjectionMetrics(new SimpleMeterRegistry(), Clock.systemUTC()), new RoutedRequests(jdbc),
            new DataSourceTransactionManager(jdbc.getDataSource()));
    private final CustomerProjection projection = stores.projection(CustomerProjection.VIEW, CustomerView.class,
            CustomerProjection.AGGREGATE_TYPE, CustomerProjection::new);
    private final AnnotationEventHandlerAdapter delivery = new AnnotationEventHandlerAdapter(projection);

    {
        stores.repairVoidsWith(owner);
    }

    @Test
    void aReplicaThatShowedTheVoidedChange_forgetsTheRow_asksTheOwnerOnce_andTheResyncShowsItWithout() {
        String id = newCustomerId();
        String other = newCustomerId();
        List<DomainEventMessage<?>> stream = CustomerEventsFixture.streamOf(id, 3);
        List<DomainEventMessage<?>> otherStream = CustomerEventsFixture.streamOf(other, 3);
        deliverInOneBatch(concat(stream, otherStream));

        deliverInOneBatch(List.of(correction(id, stream.get(3)), correction(other, otherStream.get(3))));

        assertThat(projection.find(id)).as("forgotten until the owner's resync").isEmpty();
        assertThat(owner.asked).as("one request for the batch").containsExactly(List.of(id, other));
        deliverInOneBatch(resyncOf(id, stream));
        assertThat(projection.find(id).orElseThrow().state().email()).isEqualTo("amelie2@example.fr");
        assertThat(projection.find(id).orElseThrow().version()).isEqualTo(5);
    }

    @Test
    void onTheOwner_theRowIsMadeAgainFromItsStoreAtOnce() {
        String id = newCustomerId();
        List<DomainEventMessage<?>> stream = CustomerEventsFixture.streamOf(id, 3);
        deliverInOneBatch(stream);
        owner.history = withPlaceholder(stream, id);

        deliverInOneBatch(List.of(correction(id, stream.get(3))));

        assertThat(projection.find(id).orElseThrow().state().email()).isEqualTo("amelie2@example.fr");
        assertThat(projection.find(id).orElseThrow().version()).isEqualTo(5);
        assertThat(owner.asked).isEmpty();
    }

    @Test
    void aRowThatGotThePlaceholder_cannotTellItFromTheOriginal_soItAsksToo_andTheResyncChangesNothing() {
        String id = newCustomerId();
        List<DomainEventMessage<?>> stream = CustomerEventsFixture.streamOf(id, 3);
        deliverInOneBatch(stream.subList(0, 3));
        deliverInOneBatch(List.of(placeholder(id, stream.get(3)), correction(id, stream.get(3))));

        assertThat(owner.asked).containsExactly(List.of(id));
        deliverInOneBatch(resyncOf(id, stream));
        assertThat(projection.find(id).orElseThrow().state().email()).isEqualTo("amelie2@example.fr");
        assertThat(projection.find(id).orElseThrow().version()).isEqualTo(5);
    }

    @Test
    void whereThereIsNoOneToAsk_theRowKeepsTheStoresHistory_andMovesOn() {
        String id = newCustomerId();
        List<DomainEventMessage<?>> stream = CustomerEventsFixture.streamOf(id, 3);
        deliverInOneBatch(stream.subList(0, 3));
        stores.repairVoidsWith(VoidRepair.NONE);

        deliverInOneBatch(List.of(placeholder(id, stream.get(3)), correction(id, stream.get(3))));

        assertThat(projection.find(id).orElseThrow().state().email()).isEqualTo("amelie2@example.fr");
        assertThat(projection.find(id).orElseThrow().version()).as("kept, moved on: a scratch replay's case")
                .isEqualTo(5);
    }

    private static DomainEventMessage<?> correction(String id, DomainEventMessage<?> voided) {
        return CustomerEventsFixture.event(id, voided.getSequenceNumber() + 1, new EventsVoided("void-1",
                List.of(new EventsVoided.Voided(voided.getIdentifier(), voided.getSequenceNumber(),
                        "CustomerContactChangedEvent")), "typo", "olga", Instant.parse("2026-12-03T10:00:00Z")));
    }

    private static DomainEventMessage<?> placeholder(String id, DomainEventMessage<?> voided) {
        return CustomerEventsFixture.event(id, voided.getSequenceNumber(), new VoidedEvent(
                "CustomerContactChangedEvent", "void-1", "typo", "olga", Instant.parse("2026-12-03T10:00:00Z")));
    }

    /** The store's history after the void: the last change as a placeholder, then the correction. */
    private static List<DomainEventMessage<?>> withPlaceholder(List<DomainEventMessage<?>> stream, String id) {
        List<DomainEventMessage<?>> history = new ArrayList<>(stream.subList(0, 3));
        history.add(placeholder(id, stream.get(3)));
        history.add(correction(id, stream.get(3)));
        return history;
    }

    /** What the owner's resync publishes: the history as its store reads now, marked as a resync. */
    private static List<DomainEventMessage<?>> resyncOf(String id, List<DomainEventMessage<?>> stream) {
        return withPlaceholder(stream, id).stream().<DomainEventMessage<?>>map(event ->
                event.andMetaData(Map.of(OwnershipMetadata.RESYNC, "true"))).toList();
    }

    private static List<DomainEventMessage<?>> concat(List<DomainEventMessage<?>> first,
                                                      List<DomainEventMessage<?>> second) {
        List<DomainEventMessage<?>> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }

    private void deliverInOneBatch(List<DomainEventMessage<?>> events) {
        transactions.executeWithoutResult(transaction -> {
            ResultMessage<?> result = new BatchingUnitOfWork<>(new ArrayList<>(events)).executeWithResult(() ->
                    delivery.handle((EventMessage<?>) CurrentUnitOfWork.get().getMessage()));
            if (result.isExceptional()) {
                throw new IllegalStateException("batch failed", result.exceptionResult());
            }
        });
    }

    private static String newCustomerId() {
        return "cust-" + UUID.randomUUID();
    }

    /** The owner region as the port sees it: eu owns what it has no history for here, and records what it is asked. */
    private static final class StandInOwner implements VoidRepair {

        private final List<List<String>> asked = new ArrayList<>();
        private List<DomainEventMessage<?>> history;

        @Override
        public Optional<List<? extends DomainEventMessage<?>>> ownedHistory(String aggregateId) {
            return Optional.ofNullable(history);
        }

        @Override
        public Optional<Region> ownerElsewhere(String aggregateId) {
            return Optional.of(EU);
        }

        @Override
        public void requestResync(Region region, Collection<String> aggregateIds) {
            asked.add(List.copyOf(aggregateIds));
        }
    }
}
