package dev.regent.infrastructure.containment;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.instances.RegionLeases;
import dev.regent.infrastructure.ownership.AggregateCaches;
import dev.regent.infrastructure.ownership.JdbcOwnershipRegistry;
import dev.regent.infrastructure.peer.PeerClient;
import dev.regent.infrastructure.region.RegentProperties;
import dev.regent.infrastructure.scheduling.PeriodicTask;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Freezes, what egress holds under them, their replication to every region and the release of thawed ones; voids and
 * the events they voided.
 */
@Configuration(proxyBeanMethods = false)
public class ContainmentConfiguration {

    /** How often a region asks its peers for their freezes: the fallback for a push it missed (it was down). */
    static final Duration PULL_INTERVAL = Duration.ofSeconds(5);
    /** How often a region publishes what thawed freezes held (a local query). */
    static final Duration RELEASE_INTERVAL = Duration.ofSeconds(1);
    /**
     * How often an instance reads the active freezes again (a local query): a freeze declared, learnt or thawed
     * through another instance of this region holds or releases here within this long.
     */
    static final Duration REFRESH_INTERVAL = Duration.ofSeconds(1);

    @Bean
    Freezes freezes(JdbcTemplate jdbc, Region localRegion, Clock clock, MeterRegistry meters) {
        return new Freezes(jdbc, localRegion, clock, meters);
    }

    @Bean
    VoidedEvents voidedEvents(JdbcTemplate jdbc) {
        return new VoidedEvents(jdbc);
    }

    @Bean
    Voids voids(EventStorageEngine storage, VoidedEvents voided, JdbcOwnershipRegistry registry,
                AggregateCaches caches, JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
                Region localRegion, Clock clock) {
        return new Voids(storage, voided, registry, caches, jdbc, new TransactionTemplate(transactionManager),
                localRegion, clock);
    }

    @Bean
    FrozenEgress frozenEgress(JdbcTemplate jdbc) {
        return new FrozenEgress(jdbc);
    }

    @Bean
    FrozenWrites frozenWrites(Freezes freezes, Region localRegion) {
        return new FrozenWrites(freezes, localRegion);
    }

    @Bean
    EgressHold egressHold(Freezes freezes, FrozenEgress frozen) {
        return new EgressHold(freezes, frozen);
    }

    @Bean
    FreezeReplication freezeReplication(PeerClient peers, RegentProperties properties, Region localRegion,
                                        Freezes freezes, ObjectMapper objectMapper) {
        return new FreezeReplication(peers, properties.allRegions().stream()
                .filter(region -> !region.equals(localRegion)).toList(), freezes, objectMapper,
                properties.routing().timeout());
    }

    @Bean
    PeriodicTask freezeWatch(FreezeReplication replication, Freezes freezes, FrozenEgress frozen,
                             HeldEventsRelease release, RegionLeases leases) {
        return new PeriodicTask("regent-containment", List.of(
                // Once per region: what is learnt goes to the region's database (idempotent, but one pull is enough)
                PeriodicTask.Job.oncePerRegion("Learning the peers' freezes", PULL_INTERVAL, replication::pull),
                // Every instance: each keeps the active freezes in memory, for its own egress, ingress and writes
                PeriodicTask.Job.everyInstance("Reading the active freezes again", REFRESH_INTERVAL,
                        freezes::refresh),
                // Once per region: two instances releasing the same held events would publish them twice
                PeriodicTask.Job.oncePerRegion("Publishing what thawed freezes held", RELEASE_INTERVAL,
                        () -> frozen.thawedWithEventsHeld().forEach(release::release))), leases);
    }
}
