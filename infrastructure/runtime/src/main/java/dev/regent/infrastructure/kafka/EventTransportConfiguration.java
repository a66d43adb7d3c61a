package dev.regent.infrastructure.kafka;

import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.containment.EgressHold;
import dev.regent.infrastructure.containment.FrozenEgress;
import dev.regent.infrastructure.evolution.WrittenRevisions;
import dev.regent.infrastructure.region.RegentProperties;
import dev.regent.infrastructure.residency.Egress;
import dev.regent.infrastructure.residency.PersonalDataAtRest;
import dev.regent.infrastructure.residency.EgressAudit;
import dev.regent.infrastructure.residency.SharedFieldsReveal;
import dev.regent.infrastructure.residency.SharedFieldsRevealingInterceptor;
import dev.regent.infrastructure.residency.SharedFieldsRevealingSource;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.kafka.KafkaProperties;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.consumer.ConsumerFactory;
import org.axonframework.extensions.kafka.eventhandling.consumer.Fetcher;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaEventMessage;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.StreamableKafkaMessageSource;
import org.axonframework.extensions.kafka.eventhandling.producer.ConfirmationMode;
import org.axonframework.extensions.kafka.eventhandling.producer.DefaultProducerFactory;
import org.axonframework.extensions.kafka.eventhandling.producer.ProducerFactory;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Events across regions, on Axon's Kafka extension. Egress: one tracking processor per destination region over the
 * local event store (the store is the outbox), each publishing what the residency policy lets that region see to
 * {@code regent.<local>.to.<destination>.events}, plus one for region-locked events to the never-mirrored local topic.
 * Ingress: the topics the other regions publish for this one, as MirrorMaker 2 mirrors them into this cluster.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class EventTransportConfiguration {

    /**
     * Topic names, provisioned in this region's cluster before any publisher or consumer starts, each keeping every
     * event (checked at every start: see TopicProvisioner).
     */
    @Bean
    ProvisionedTopics provisionedTopics(RegentProperties properties, Region localRegion, KafkaProperties kafka) {
        RegentTopics topics = new RegentTopics(properties.kafka().topicPrefix());
        TopicProvisioner.ensureTopics(String.join(",", kafka.getBootstrapServers()),
                topics.all(localRegion, properties.allRegions()), properties.kafka().partitions(),
                properties.kafka().replicationFactor(), OnFiniteRetention.fix(properties.kafka().fixRetention()));
        return new ProvisionedTopics(topics, localRegion, properties.allRegions().stream().toList());
    }

    /**
     * Reads mirrored records (ingress) and writes records (egress); unreadable records are counted, not dropped.
     * Writes the revisions held back during a rolling upgrade.
     */
    @Bean
    KafkaMessageConverter<String, byte[]> kafkaMessageConverter(@Qualifier("eventSerializer") Serializer serializer,
                                                                Configuration configuration,
                                                                MeterRegistry meters,
                                                                WrittenRevisions writtenRevisions) {
        return writtenRevisions.holdingBack(new UnreadableRecordsCounter(DefaultKafkaMessageConverter.builder()
                .serializer(serializer)
                .sequencingPolicy(new AggregateKeySequencingPolicy())
                .upcasterChain(configuration.upcasterChain() != null
                        ? configuration.upcasterChain() : new EventUpcasterChain())
                .build(), meters));
    }

    @Bean(destroyMethod = "shutDown")
    ProducerFactory<String, byte[]> egressProducerFactory(KafkaProperties kafka) {
        return DefaultProducerFactory.<String, byte[]>builder()
                .configuration(kafka.buildProducerProperties())
                .confirmationMode(ConfirmationMode.NONE) // EgressPublisher awaits each batch's acknowledgements
                .build();
    }

    /** Wakes the region's idle processors when mirrored records are fetched (see ArrivalAwareStream). */
    @Bean
    RegionArrivals regionArrivals() {
        return new RegionArrivals();
    }

    @Bean
    StreamableKafkaMessageSource<String, byte[]> mirroredEventSource(
            ProvisionedTopics topics, @Qualifier("eventSerializer") Serializer serializer,
            ConsumerFactory<String, byte[]> consumerFactory, Fetcher<String, byte[], KafkaEventMessage> fetcher,
            KafkaMessageConverter<String, byte[]> converter, KafkaProperties kafka, RegionArrivals arrivals) {
        return StreamableKafkaMessageSource.<String, byte[]>builder()
                .topics(topics.names().inbound(topics.localRegion(), topics.allRegions()))
                .serializer(serializer)
                .consumerFactory(consumerFactory)
                .fetcher(fetcher)
                .messageConverter(converter)
                // Not Axon's SortedKafkaMessageBuffer: it drops one of two topics' records that share timestamp,
                // partition and offset (see ArrivalOrderBuffer).
                .bufferFactory(() -> new ArrivalOrderBuffer(kafka.getFetcher().getBufferSize(), arrivals))
                .build();
    }

    /**
     * Every tracking processor but the egress publishers reads the local store and the mirrored topics together.
     * The egress publishers read the store alone, so mirrored events never go back out.
     */
    /**
     * What the processors read, for a shadow rebuild: the same sources and wrappers, but the store read through an
     * event store of its own that streams straight from the storage engine, so a rebuild's stream never joins (and,
     * closing, never disturbs) the live processors' shared one.
     */
    @Bean
    @SuppressWarnings({"unchecked", "rawtypes"})
    ProcessorEventSource processorEventSource(
            EventStorageEngine storage, ObjectProvider<StreamableKafkaMessageSource<String, byte[]>> mirroredEventSource,
            RegionArrivals arrivals, SharedFieldsReveal reveal) {
        return new ProcessorEventSource(() -> new RegionEventSource(EmbeddedEventStore.builder().storageEngine(storage)
                .optimizeEventConsumption(false).build(), new SharedFieldsRevealingSource(
                (StreamableMessageSource) mirroredEventSource.getObject(), reveal), arrivals));
    }

    @Bean
    @SuppressWarnings({"unchecked", "rawtypes"})
    ConfigurerModule regionEventProcessing(
            ObjectProvider<StreamableKafkaMessageSource<String, byte[]>> mirroredEventSource,
            RegionArrivals arrivals, RegentProperties properties, SharedFieldsReveal reveal,
            PersonalDataAtRest atRest) {
        // Looked up when Axon builds its processors: the source's converter needs Axon's configuration itself.
        return configurer -> configurer.eventProcessing()
                .configureDefaultStreamableMessageSource(config -> new RegionEventSource(config.eventStore(),
                        new SharedFieldsRevealingSource((StreamableMessageSource) mirroredEventSource.getObject(),
                                reveal), arrivals))
                .registerDefaultHandlerInterceptor((config, processor) -> new SharedFieldsRevealingInterceptor(atRest))
                // A thread per segment, so that an instance alone claims them all; an unclaimed segment (its
                // instance died, its claim expired) is tried for every second.
                .registerTrackingEventProcessorConfiguration(config -> TrackingEventProcessorConfiguration
                        .forParallelProcessing(properties.events().segments())
                        .andInitialSegmentsCount(properties.events().segments())
                        .andTokenClaimInterval(1, TimeUnit.SECONDS)
                        .andBatchSize(properties.events().batchSize())
                        .andEventAvailabilityTimeout(properties.events().availabilityTimeout().toMillis(),
                                TimeUnit.MILLISECONDS));
    }

    @Bean
    HeldEgressRelease heldEgressRelease(EventStore eventStore, EgressPublishers publishers, FrozenEgress frozen) {
        return new HeldEgressRelease(eventStore, publishers, frozen);
    }

    @Bean
    EgressPublishers egressPublishers(ProvisionedTopics topics, ProducerFactory<String, byte[]> producerFactory,
                                      ObjectProvider<KafkaMessageConverter<String, byte[]>> converter, Egress egress,
                                      EgressAudit audit, EgressHold hold) {
        // The converter is looked up on first publication: it needs Axon's finished configuration.
        return new EgressPublishers(topics, producerFactory, converter::getObject, egress, audit, hold);
    }

    @Bean
    Resynchronizer resynchronizer(EventStore eventStore,
                                  EgressPublishers publishers) {
        return new Resynchronizer(eventStore, publishers);
    }

    /** One egress processor per destination region, and one for the region-locked topic, each over the store. */
    @Bean
    ConfigurerModule egressProcessors(EgressPublishers publishers, RegionArrivals arrivals) {
        return configurer -> {
            publishers.byDestination().forEach((destination, publisher) ->
                    register(configurer.eventProcessing(), "regent-egress-" + destination, publisher, arrivals));
            register(configurer.eventProcessing(), "regent-egress-local", publishers.regionLocked(), arrivals);
        };
    }

    private static void register(EventProcessingConfigurer processing, String group, EgressPublisher publisher,
                                 RegionArrivals arrivals) {
        processing.registerEventHandler(config -> publisher)
                .assignHandlerInstancesMatching(group, handler -> handler == publisher)
                .registerListenerInvocationErrorHandler(group, config -> PropagatingErrorHandler.instance())
                .registerTrackingEventProcessor(group, config -> new ArrivalAwareSource(config.eventStore(), arrivals));
    }

    /** The topics of this region, and the regions it exchanges them with. */
    public record ProvisionedTopics(RegentTopics names, Region localRegion, List<Region> allRegions) {
    }
}
