package dev.regent.insurer.support;

import dev.regent.infrastructure.postgres.RevisionGuardingSerializer;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A region's service as it ran on the code before an event type's latest revision: for that type, its class
 * declares the older revision (so the revision guard refuses the newer one, and the read models park it) and its
 * upcasters stop there. Everything else is the region's real code and data (its class keeps the newer fields: a
 * revision 1 payload that carries them, written held back, fills them where the older class would ignore them).
 * Started by
 * {@code LocalRegion.startService(OlderEventCode.settings(...))}; starting the service again without it is the
 * upgrade. Not a {@code @Configuration}: the regions' component scan would load it into every service; a source
 * named by {@code spring.main.sources} has its {@code @Bean} methods read all the same.
 */
public class OlderEventCode {

    private static final String REVISIONS = "regent-test.older-event-code";

    /** The service settings of a region whose code knows {@code eventType} (simple name) up to {@code revision}. */
    public static Map<String, String> settings(String eventType, String revision) {
        return Map.of("spring.main.sources", OlderEventCode.class.getName(), REVISIONS, eventType + ":" + revision);
    }

    @Bean
    static BeanPostProcessor olderEventClasses(Environment environment) {
        Map<String, Long> revisions = Arrays.stream(environment.getRequiredProperty(REVISIONS).split(","))
                .map(entry -> entry.split(":"))
                .collect(Collectors.toMap(entry -> entry[0].strip(), entry -> Long.parseLong(entry[1].strip())));
        RevisionResolver annotations = new AnnotationRevisionResolver();
        RevisionResolver olderClasses = type -> revisions.containsKey(type.getSimpleName())
                ? revisions.get(type.getSimpleName()).toString() : annotations.revisionOf(type);
        Set<Object> olderGuards = Collections.newSetFromMap(new IdentityHashMap<>());
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof RevisionGuardingSerializer serializer && !olderGuards.contains(bean)) {
                    RevisionGuardingSerializer older = new RevisionGuardingSerializer(serializer, olderClasses);
                    olderGuards.add(older);
                    return older;
                }
                if (bean instanceof EventUpcaster upcaster) {
                    return new StoppingAt(upcaster, revisions);
                }
                return bean;
            }
        };
    }

    /** Leaves events of a listed type alone once they reach the listed revision: the older code had no later step. */
    private record StoppingAt(EventUpcaster delegate, Map<String, Long> revisions) implements EventUpcaster {

        @Override
        public Stream<IntermediateEventRepresentation> upcast(Stream<IntermediateEventRepresentation> events) {
            return events.flatMap(event -> reached(event) ? Stream.of(event) : delegate.upcast(Stream.of(event)));
        }

        private boolean reached(IntermediateEventRepresentation event) {
            String name = event.getType().getName();
            Long last = revisions.get(name.substring(name.lastIndexOf('.') + 1));
            String revision = event.getType().getRevision();
            return last != null && revision != null && Long.parseLong(revision) >= last;
        }
    }
}
