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
import org.springframework.jdbc.core.JdbcTemplate;

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

    public ViewStores(JdbcTemplate jdbc, Serializer eventSerializer, Region localRegion, ProjectionMetrics metrics,
                      RoutedRequests routedRequests) {
        this.jdbc = jdbc;
        this.eventSerializer = eventSerializer;
        this.localRegion = localRegion;
        this.metrics = metrics;
        this.routedRequests = routedRequests;
    }

    /**
     * @param viewName      unique name of the read model, e.g. {@code customers}
     * @param aggregateType the aggregate type whose events the view projects, as Axon names it (simple class name)
     */
    public <V> VersionedViews<V> forView(String viewName, Class<V> viewType, String aggregateType) {
        return new VersionedViews<>(viewName, viewType, aggregateType, jdbc, CANONICAL_JSON, eventSerializer,
                localRegion, metrics, routedRequests);
    }

    /** A projection over a new view, wired so that events held behind a gap are redelivered to it. */
    public <V, P extends VersionedProjection<V>> P projection(String viewName, Class<V> viewType,
                                                             String aggregateType,
                                                             Function<VersionedViews<V>, P> constructor) {
        VersionedViews<V> views = forView(viewName, viewType, aggregateType);
        P projection = constructor.apply(views);
        views.redeliverHeldEventsTo(new AnnotationEventHandlerAdapter(projection));
        return projection;
    }
}
