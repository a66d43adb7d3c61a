package dev.regent.infrastructure.transfer;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.kafka.RegentTopics;
import dev.regent.infrastructure.ownership.JdbcOwnershipRegistry;
import dev.regent.infrastructure.region.RegentProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.consumer.ConsumerFactory;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;

/** Ownership transfers: the new owner's service, the owner's release endpoint, and fenced writes. */
@Configuration(proxyBeanMethods = false)
public class TransferConfiguration {

    @Bean
    StreamWireFormat streamWireFormat(@Qualifier("eventSerializer") Serializer eventSerializer) {
        return new StreamWireFormat(eventSerializer);
    }

    @Bean
    FencedWrites fencedWrites(JdbcTemplate jdbcTemplate, MeterRegistry meters) {
        return new FencedWrites(jdbcTemplate, meters);
    }

    @Bean
    OwnershipReleaseEndpoint ownershipReleaseEndpoint(JdbcOwnershipRegistry registry, EventStorageEngine storage,
                                                      StreamWireFormat wireFormat,
                                                      PlatformTransactionManager transactionManager,
                                                      RegentProperties properties, Region localRegion, Clock clock) {
        return new OwnershipReleaseEndpoint(registry, storage, wireFormat, new TransactionTemplate(transactionManager),
                properties, localRegion, clock);
    }

    @Bean
    OwnershipTransfers ownershipTransfers(JdbcOwnershipRegistry registry, StreamWireFormat wireFormat,
                                          EventStorageEngine storage, EventBus eventBus, JdbcTemplate jdbcTemplate,
                                          PlatformTransactionManager transactionManager, RegentProperties properties,
                                          Region localRegion, Clock clock, ObjectMapper objectMapper,
                                          ConsumerFactory<String, byte[]> consumerFactory,
                                          KafkaMessageConverter<String, byte[]> converter) {
        MirroredStreamReader mirrored = new MirroredStreamReader(consumerFactory, converter,
                new RegentTopics(properties.getKafka().getTopicPrefix()), localRegion,
                properties.getRouting().getTimeout());
        return new OwnershipTransfers(registry, new ReleaseClient(properties, objectMapper,
                properties.getRouting().getTimeout()), wireFormat, mirrored, storage, eventBus, jdbcTemplate,
                new TransactionTemplate(transactionManager), localRegion, clock);
    }
}
