package dev.regent.projections.replication;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.regent.domain.ownership.Region;
import dev.regent.projections.requests.RoutedRequests;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.serialization.Serializer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.DomainEventMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** Creates the {@link VersionedViews} of each read model, sharing the database, serializers and metrics. */
public class ViewStores {

    /** Canonical JSON (sorted keys, plain decimals, ISO instants): equal states serialize to equal bytes. */
    static final ObjectMapper CANONICAL_JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private final JdbcTemplate jdbc;
    private final Serializer eventSerializer;
    private final Region localRegion;
    private final ProjectionMetrics metrics;
    private final RoutedRequests routedRequests;
    private final TransactionTemplate transactions;
    private final Map<String, ViewDefinition<?>> definitions = new ConcurrentHashMap<>();
    private final Map<String, VersionedViews<?>> views = new ConcurrentHashMap<>();
    private final Map<String, AnnotationEventHandlerAdapter> projections = new ConcurrentHashMap<>();
    private volatile IngressHold ingressHold = IngressHold.NONE;
    private volatile VoidRepair voidRepair = VoidRepair.NONE;
    private volatile EventsAtRest eventsAtRest = EventsAtRest.AS_HANDLED;

    public ViewStores(JdbcTemplate jdbc, Serializer eventSerializer, Region localRegion, ProjectionMetrics metrics,
                      RoutedRequests routedRequests, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.eventSerializer = eventSerializer;
        this.localRegion = localRegion;
        this.metrics = metrics;
        this.routedRequests = routedRequests;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /**
     * @param viewName      unique name of the read model, e.g. {@code customers}
     * @param aggregateType the aggregate type whose events the view projects, as Axon names it (simple class name)
     */
    public <V> VersionedViews<V> forView(String viewName, Class<V> viewType, String aggregateType) {
        return new VersionedViews<>(viewName, viewType, aggregateType, jdbc, CANONICAL_JSON, eventSerializer,
                localRegion, metrics, routedRequests, () -> ingressHold, () -> voidRepair, () -> eventsAtRest);
    }

    /** What the service's freezes hold at ingress: every view of this region parks those events until the thaw. */
    public void holdAtIngress(IngressHold hold) {
        this.ingressHold = hold;
    }

    /** How the service makes again a row that may show voided events (see {@link VersionedViews#applyVoid}). */
    public void repairVoidsWith(VoidRepair repair) {
        this.voidRepair = repair;
    }

    /** How every view of this region keeps the events it holds or parks (see {@link EventsAtRest}). */
    public void keepEventsAtRest(EventsAtRest atRest) {
        this.eventsAtRest = atRest;
    }

    public EventsAtRest eventsAtRest() {
        return eventsAtRest;
    }

    /** A projection over a new view, wired so that events held behind a gap are redelivered to it. */
    public <V, P extends VersionedProjection<V>> P projection(String viewName, Class<V> viewType,
                                                             String aggregateType,
                                                             Function<VersionedViews<V>, P> constructor) {
        VersionedViews<V> rows = forView(viewName, viewType, aggregateType);
        P projection = constructor.apply(rows);
        AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(projection);
        rows.redeliverHeldEventsTo(handlers);
        definitions.put(viewName, new ViewDefinition<>(viewName, viewType, aggregateType, constructor));
        views.put(viewName, rows);
        projections.put(viewName, handlers);
        return projection;
    }

    /** Every read model registered, by name. */
    public Collection<ViewDefinition<?>> definitions() {
        return definitions.values();
    }

    public Optional<ViewDefinition<?>> definition(String viewName) {
        return Optional.ofNullable(definitions.get(viewName));
    }

    /** The rows of a registered read model. */
    public Optional<VersionedViews<?>> rows(String viewName) {
        return Optional.ofNullable(views.get(viewName));
    }

    /** The read model that follows an aggregate type, e.g. {@code customers} for {@code CustomerIdentity}. */
    public Optional<ViewDefinition<?>> followingAggregateType(String aggregateType) {
        return definitions.values().stream().filter(view -> view.aggregateType().equals(aggregateType)).findFirst();
    }

    /**
     * What {@code definition}'s projection makes of {@code events} (one aggregate's, in order): the same handlers, in
     * a scratch view whose transaction is rolled back. Audits replay history with the very code that built the view.
     */
    public <V> Optional<VersionedView<V>> replay(ViewDefinition<V> definition, String aggregateId,
                                                 List<? extends DomainEventMessage<?>> events) {
        return transactions.execute(status -> {
            status.setRollbackOnly();
            VersionedViews<V> scratch = aside(definition, "replay:" + UUID.randomUUID());
            handleAll(projectionOver(definition, scratch), aggregateId, events);
            return scratch.find(aggregateId);
        });
    }

    /**
     * {@code definition}'s projection over rows kept under another name ({@code viewName}), for a rebuild beside the
     * live view: the same handlers, but no metrics of the live view, no routed request settled, no freeze held.
     */
    public <V> AnnotationEventHandlerAdapter projectionAside(ViewDefinition<V> definition, String viewName) {
        return projectionOver(definition, aside(definition, viewName));
    }

    private <V> VersionedViews<V> aside(ViewDefinition<V> definition, String viewName) {
        RoutedRequests settlesNothing = new RoutedRequests(jdbc) {
            @Override
            public void markApplied(Map<String, Long> versionsByRequest) {
                // the live view settles them
            }
        };
        return new VersionedViews<>(viewName, definition.viewType(), definition.aggregateType(), jdbc,
                CANONICAL_JSON, eventSerializer, localRegion,
                new ProjectionMetrics(new SimpleMeterRegistry(), Clock.systemUTC()), settlesNothing,
                () -> IngressHold.NONE, () -> VoidRepair.NONE, () -> eventsAtRest);
    }

    private static <V> AnnotationEventHandlerAdapter projectionOver(ViewDefinition<V> definition,
                                                                    VersionedViews<V> rows) {
        AnnotationEventHandlerAdapter projection =
                new AnnotationEventHandlerAdapter(definition.constructor().apply(rows));
        rows.redeliverHeldEventsTo(projection);
        return projection;
    }

    /**
     * Rebuilds one aggregate's row in {@code viewName} itself from {@code events} (all of the aggregate's, in order),
     * with the view's registered projection, in one transaction: forgotten, then applied again from its first event.
     * How an owner repairs its own view from its event store. An event the live processor applies meanwhile is either
     * among {@code events} or, arriving once the row was forgotten, held behind the gap: the next check finds it.
     */
    public void reapply(String viewName, String aggregateId, List<? extends DomainEventMessage<?>> events) {
        VersionedViews<?> rows = rows(viewName).orElseThrow(() ->
                new IllegalArgumentException("No read model named '" + viewName + "'"));
        AnnotationEventHandlerAdapter projection = projections.get(viewName);
        transactions.executeWithoutResult(status -> {
            rows.forget(List.of(aggregateId));
            handleAll(projection, aggregateId, events);
        });
    }

    private static void handleAll(AnnotationEventHandlerAdapter projection, String aggregateId,
                                  List<? extends DomainEventMessage<?>> events) {
        for (DomainEventMessage<?> event : events) {
            try {
                projection.handle(event);
            } catch (Exception e) {
                throw new IllegalStateException("Replaying " + event.getPayloadType().getSimpleName() + " #"
                        + event.getSequenceNumber() + " of " + aggregateId + " failed", e);
            }
        }
    }
}
