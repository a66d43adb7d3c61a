package dev.regent.infrastructure.evolution;

import dev.regent.infrastructure.postgres.SerializationConfiguration;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The event serializer and upcaster chain exactly as a region builds them: from the same Spring configurations
 * ({@link SerializationConfiguration}, {@link EventEvolutionConfiguration}), with Axon's default revision resolver.
 */
final class RegionSerialization {

    private static final RegionSerialization INSTANCE = new RegionSerialization(Map.of());

    private final AnnotationConfigApplicationContext context;
    private final Serializer serializer;
    private final EventUpcasterChain upcasters;

    private RegionSerialization(Map<String, Object> settings) {
        context = new AnnotationConfigApplicationContext();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("region", settings));
        context.registerBean(RevisionResolver.class, AnnotationRevisionResolver::new);
        context.register(SerializationConfiguration.class, EventEvolutionConfiguration.class);
        context.scan("dev.regent.insurer.evolution"); // the insurer's own upcasters
        context.refresh();
        serializer = context.getBean("eventSerializer", Serializer.class);
        // As Axon's Spring Boot configuration does: every EventUpcaster bean, in bean order.
        upcasters = new EventUpcasterChain(context.getBeanProvider(EventUpcaster.class).orderedStream().toList());
    }

    static RegionSerialization get() {
        return INSTANCE;
    }

    /** A region's, with some settings (e.g. {@code regent.events.written-revisions.*}). */
    static RegionSerialization with(Map<String, Object> settings) {
        return new RegionSerialization(settings);
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    Serializer serializer() {
        return serializer;
    }

    /** An event of {@code type} at {@code revision} with {@code payload}, through the upcaster chain. */
    List<IntermediateEventRepresentation> upcast(String type, String revision, String payload) {
        GenericDomainEventEntry<byte[]> stored = new GenericDomainEventEntry<>("Aggregate", "aggregate-1", 0,
                "event-1", Instant.EPOCH, type, revision, payload.getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
        return upcasters.upcast(Stream.of(new InitialEventRepresentation(stored, serializer))).toList();
    }
}
