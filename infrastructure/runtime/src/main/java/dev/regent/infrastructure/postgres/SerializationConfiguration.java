package dev.regent.infrastructure.postgres;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.regent.infrastructure.evolution.UpcastingSerializer;
import dev.regent.infrastructure.evolution.WrittenRevisions;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * One JSON serializer for everything Axon stores or sends (events, commands, tokens, sagas, deadlines), with its own
 * ObjectMapper: what is kept in the event store must not change when someone tunes the REST API's JSON.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WrittenRevisions.class)
public class SerializationConfiguration {

    @Bean
    @Primary
    Serializer regentSerializer(RevisionResolver revisionResolver, ObjectProvider<EventUpcaster> upcasters,
                                WrittenRevisions writtenRevisions) {
        ObjectMapper objectMapper = JsonMapper.builder()
                .findAndAddModules()
                // A newer region may add fields to an event before an older one learns them: read what is known.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        // Written under the revisions held back during a rolling upgrade; read knowing the classes' own. Older
        // revisions kept outside the event store (parked, held) are upcast like the store's and Kafka's.
        return new RevisionGuardingSerializer(new UpcastingSerializer(JacksonSerializer.builder()
                .objectMapper(objectMapper)
                .revisionResolver(writtenRevisions.over(revisionResolver))
                .build(), upcasters::orderedStream), revisionResolver);
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer(Serializer regentSerializer) {
        return regentSerializer;
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(Serializer regentSerializer) {
        return regentSerializer;
    }
}
