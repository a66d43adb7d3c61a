package dev.regent.infrastructure.kafka;

import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.region.RegentProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.extensions.kafka.KafkaProperties;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.consumer.ConsumerFactory;
import org.axonframework.extensions.kafka.eventhandling.consumer.Fetcher;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaEventMessage;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.SortedKafkaMessageBuffer;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.StreamableKafkaMessageSource;
import org.axonframework.extensions.kafka.eventhandling.producer.TopicResolver;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Egress to this region's Kafka cluster and ingress of the other regions' mirrored topics, on Axon's Kafka extension.
 */
@Configuration(proxyBeanMethods = false)
public class EventTransportConfiguration {

    /** Topic names, provisioned in this region's cluster before any publisher or consumer starts. */
    @Bean
    ProvisionedTopics provisionedTopics(RegentProperties properties, Region localRegion, KafkaProperties kafka) {
        RegentTopics topics = new RegentTopics(properties.getKafka().getTopicPrefix());
        List<String> mirrored = topics.mirroredInto(localRegion, properties.allRegions());
        List<String> all = new ArrayList<>(List.of(topics.shareable(localRegion), topics.regionLocked(localRegion)));
        all.addAll(mirrored);
        TopicProvisioner.ensureTopics(String.join(",", kafka.getBootstrapServers()), all, properties.getKafka().getPartitions(),
                properties.getKafka().getReplicationFactor());
        return new ProvisionedTopics(topics, localRegion, mirrored);
    }

    /** Everything this region appends may leave it, for now; residency rules will narrow this. */
    @Bean
    TopicResolver topicResolver(ProvisionedTopics topics) {
        String shareable = topics.names().shareable(topics.localRegion());
        return event -> Optional.of(shareable);
    }

    @Bean
    KafkaMessageConverter<String, byte[]> kafkaMessageConverter(@Qualifier("eventSerializer") Serializer serializer,
                                                                org.axonframework.config.Configuration configuration,
                                                                MeterRegistry meters) {
        return new UnreadableRecordsCounter(DefaultKafkaMessageConverter.builder()
                .serializer(serializer)
                .sequencingPolicy(new AggregateKeySequencingPolicy())
                .upcasterChain(configuration.upcasterChain() != null
                        ? configuration.upcasterChain() : new EventUpcasterChain())
                .build(), meters);
    }

    @Bean
    StreamableKafkaMessageSource<String, byte[]> mirroredEventSource(
            ProvisionedTopics topics, @Qualifier("eventSerializer") Serializer serializer,
            ConsumerFactory<String, byte[]> consumerFactory, Fetcher<String, byte[], KafkaEventMessage> fetcher,
            KafkaMessageConverter<String, byte[]> converter, KafkaProperties kafka) {
        return StreamableKafkaMessageSource.<String, byte[]>builder()
                .topics(topics.mirrored())
                .serializer(serializer)
                .consumerFactory(consumerFactory)
                .fetcher(fetcher)
                .messageConverter(converter)
                .bufferFactory(() -> new SortedKafkaMessageBuffer<>(kafka.getFetcher().getBufferSize()))
                .build();
    }

    /**
     * Every tracking processor but the Kafka publisher reads the local store and the mirrored topics together. The
     * publisher is registered by the Kafka extension on the event store alone, so mirrored events never go back out.
     */
    @Bean
    @SuppressWarnings({"unchecked", "rawtypes"})
    ConfigurerModule regionEventProcessing(
            ObjectProvider<StreamableKafkaMessageSource<String, byte[]>> mirroredEventSource,
            RegentProperties properties) {
        // Looked up when Axon builds its processors: the source's converter needs Axon's configuration itself.
        return configurer -> configurer.eventProcessing()
                .configureDefaultStreamableMessageSource(config -> new RegionEventSource(
                        config.eventStore(), (StreamableMessageSource) mirroredEventSource.getObject()))
                .registerTrackingEventProcessorConfiguration(config -> TrackingEventProcessorConfiguration
                        .forSingleThreadedProcessing()
                        .andBatchSize(properties.getEvents().getBatchSize())
                        .andEventAvailabilityTimeout(properties.getEvents().getAvailabilityTimeout().toMillis(),
                                TimeUnit.MILLISECONDS));
    }

    /** The topics of this region, and the other regions' topics mirrored into its cluster. */
    public record ProvisionedTopics(RegentTopics names, Region localRegion, List<String> mirrored) {
    }
}
