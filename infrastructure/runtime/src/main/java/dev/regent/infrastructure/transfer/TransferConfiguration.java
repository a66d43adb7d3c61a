package dev.regent.infrastructure.transfer;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.kafka.RegentTopics;
import dev.regent.infrastructure.residency.SharedFieldsReveal;
import dev.regent.infrastructure.ownership.JdbcOwnershipRegistry;
import dev.regent.infrastructure.region.RegentProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.consumer.ConsumerFactory;
import org.axonframework.serialization.Serializer;
import dev.regent.domain.ownership.JurisdictionMap;
import dev.regent.infrastructure.peer.PeerClient;
import dev.regent.infrastructure.residency.ResidencyExposure;
import dev.regent.infrastructure.instances.RegionLeases;
import dev.regent.infrastructure.scheduling.PeriodicTask;
import dev.regent.infrastructure.peer.Peers;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.List;

/** Ownership transfers: the new owner's service, the owner's release endpoint, handovers and fenced writes. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TransferProperties.class)
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
    Handovers handovers(JdbcTemplate jdbcTemplate, JdbcOwnershipRegistry registry, EventBus eventBus,
                        PlatformTransactionManager transactionManager, PeerClient peerClient,
                        ObjectMapper objectMapper, Region localRegion, Clock clock, TransferProperties transfer,
                        RegentProperties properties, MeterRegistry meters) {
        return new Handovers(jdbcTemplate, registry, eventBus, new TransactionTemplate(transactionManager), peerClient,
                objectMapper, localRegion, clock, transfer.handoverTimeout(), properties.routing().timeout(),
                meters);
    }

    @Bean
    Relocations relocations(JdbcTemplate jdbcTemplate, JdbcOwnershipRegistry registry, PeerClient peerClient,
                            ObjectMapper objectMapper, Region localRegion, Clock clock, RegentProperties properties) {
        return new Relocations(jdbcTemplate, registry, peerClient, objectMapper, localRegion, clock,
                properties.routing().timeout().multipliedBy(8));
    }

    /** Overdue handovers taken back, pending relocations offered to their new homes. */
    @Bean
    PeriodicTask transferSweeps(Handovers handovers, Relocations relocations, TransferProperties transfer,
                                RegionLeases leases) {
        // Both once per region: a take-back or an offer changes ownership and calls a peer; two instances sweeping
        // the same handover would take it back (or offer it) twice
        return new PeriodicTask("regent-transfer-sweeps", List.of(
                PeriodicTask.Job.oncePerRegion("Taking back overdue handovers", transfer.sweepInterval(),
                        handovers::reclaimOverdue),
                PeriodicTask.Job.oncePerRegion("Offering pending relocations", transfer.sweepInterval(),
                        relocations::offerPending)), leases);
    }

    @Bean
    ReleaseResidencyCheck releaseResidencyCheck(ResidencyExposure exposure, JurisdictionMap jurisdictions,
                                                Region localRegion) {
        return new ReleaseResidencyCheck(exposure, jurisdictions, localRegion);
    }

    @Bean
    RelocationEndpoint relocationEndpoint(OwnershipTransfers transfers, JdbcOwnershipRegistry registry, Peers peers,
                                          Region localRegion) {
        return new RelocationEndpoint(transfers, registry, peers, localRegion);
    }

    @Bean
    OwnershipReleaseEndpoint ownershipReleaseEndpoint(JdbcOwnershipRegistry registry, EventStorageEngine storage,
                                                      StreamWireFormat wireFormat,
                                                      PlatformTransactionManager transactionManager,
                                                      Handovers handovers, ReleaseResidencyCheck residencyCheck,
                                                      Peers peers, Region localRegion, Clock clock) {
        return new OwnershipReleaseEndpoint(registry, storage, wireFormat, new TransactionTemplate(transactionManager),
                handovers, residencyCheck, peers, localRegion, clock);
    }

    @Bean
    OwnershipTransfers ownershipTransfers(JdbcOwnershipRegistry registry, StreamWireFormat wireFormat,
                                          EventStorageEngine storage, EventBus eventBus, JdbcTemplate jdbcTemplate,
                                          PlatformTransactionManager transactionManager, RegentProperties properties,
                                          Region localRegion, Clock clock, ObjectMapper objectMapper,
                                          ConsumerFactory<String, byte[]> consumerFactory,
                                          KafkaMessageConverter<String, byte[]> converter, PeerClient peerClient,
                                          Handovers handovers, SharedFieldsReveal reveal) {
        MirroredStreamReader mirrored = new MirroredStreamReader(consumerFactory, converter, reveal,
                new RegentTopics(properties.kafka().topicPrefix()), localRegion,
                properties.routing().timeout());
        return new OwnershipTransfers(registry, new ReleaseClient(peerClient, objectMapper,
                properties.routing().timeout()), handovers, wireFormat, mirrored, storage, eventBus,
                jdbcTemplate, new TransactionTemplate(transactionManager), localRegion, clock);
    }
}
