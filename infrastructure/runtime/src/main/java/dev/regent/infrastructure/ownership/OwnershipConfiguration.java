package dev.regent.infrastructure.ownership;

import dev.regent.domain.ownership.JurisdictionMap;
import dev.regent.domain.ownership.OwnershipMetadata;
import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.failover.FailoverPolicies;
import dev.regent.infrastructure.postgres.RegentSchemas;
import dev.regent.infrastructure.containment.VoidedEvents;
import dev.regent.infrastructure.containment.VoidingStorageEngine;
import dev.regent.infrastructure.kafka.ArrivalSignallingStorageEngine;
import dev.regent.infrastructure.kafka.RegionArrivals;
import dev.regent.infrastructure.region.RegentProperties;
import dev.regent.infrastructure.residency.PersonalDataProtectingStorageEngine;
import dev.regent.infrastructure.residency.SubjectKeys;
import dev.regent.infrastructure.transfer.FencedWrites;
import dev.regent.infrastructure.transfer.Handovers;
import dev.regent.infrastructure.transfer.Relocations;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfiguration;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.lifecycle.Phase;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.util.Map;
import java.util.List;

/** Ownership: which aggregates exist, who owns each, and the two places write authority is enforced. */
@Configuration(proxyBeanMethods = false)
public class OwnershipConfiguration {

    @Bean
    Region localRegion(RegentProperties properties) {
        return properties.localRegion();
    }

    @Bean
    JurisdictionMap jurisdictionMap(RegentProperties properties) {
        return properties.jurisdictionMap();
    }

    @Bean
    AggregatePackages aggregatePackages(RegentProperties properties, BeanFactory beans) {
        return AggregatePackages.of(properties, beans);
    }

    @Bean
    OwnedAggregates ownedAggregates(AggregatePackages packages) {
        return OwnedAggregates.scan(packages.names());
    }

    @Bean
    OwnedAggregateCatalog ownedAggregateCatalog(OwnedAggregates aggregates) {
        return new OwnedAggregateCatalog(aggregates.types());
    }

    @Bean
    AggregateCaches aggregateCaches(RegentProperties properties) {
        return new AggregateCaches(properties.aggregateCacheSize());
    }

    /**
     * Registers the owned aggregates with Axon, each with its cache, and refuses to start if Axon knows an aggregate
     * without an owner.
     */
    @Bean
    ConfigurerModule ownedAggregatesRegistration(OwnedAggregates aggregates, AggregateCaches caches) {
        return configurer -> {
            aggregates.types().forEach(type -> configurer.configureAggregate(aggregate(type, caches)));
            configurer.onInitialize(config -> config.onStart(Phase.OUTBOUND_COMMAND_CONNECTORS, () -> {
                List<String> unowned = config.findModules(AggregateConfiguration.class).stream()
                        .map(module -> module.aggregateType())
                        .filter(type -> !aggregates.types().contains(type))
                        .map(Class::getName).toList();
                if (!unowned.isEmpty()) {
                    throw new IllegalStateException("Aggregates without an ownership rule (or outside "
                            + "regent.aggregate-packages): " + unowned);
                }
            }));
        };
    }

    private static <A> AggregateConfigurer<A> aggregate(Class<A> type, AggregateCaches caches) {
        AggregateConfigurer<A> aggregate = AggregateConfigurer.defaultConfiguration(type);
        return caches.enabled() ? aggregate.configureCache(config -> caches.of(type)) : aggregate;
    }

    @Bean
    JdbcOwnershipRegistry ownershipRegistry(JdbcTemplate jdbcTemplate, AggregateCaches caches) {
        return new JdbcOwnershipRegistry(jdbcTemplate, caches::evict, caches::validate);
    }

    @Bean
    OwnershipResolver ownershipResolver(Region localRegion, OwnedAggregateCatalog catalog,
                                        JdbcOwnershipRegistry registry, JurisdictionMap jurisdictions,
                                        MeterRegistry meters) {
        return new OwnershipResolver(localRegion, catalog, registry, jurisdictions, meters);
    }

    /** Registered on the local command bus by Axon's interceptor auto-configuration, first of Regent's. */
    @Bean
    @Order(0)
    OwnershipEnforcingInterceptor ownershipEnforcingInterceptor(OwnershipResolver resolver,
                                                                JdbcOwnershipRegistry registry, EventBus eventBus,
                                                                Clock clock, ObjectProvider<WriteGate> writes) {
        return new OwnershipEnforcingInterceptor(resolver, registry, eventBus, clock,
                command -> command.getMetaData().containsKey(FailoverPolicies.DELIVERY),
                writes.getIfAvailable(() -> WriteGate.OPEN));
    }

    @Bean
    OwnershipRegistryProjection ownershipRegistryProjection(JdbcOwnershipRegistry registry, FencedWrites fencedWrites,
                                                            Handovers handovers, Relocations relocations,
                                                            JurisdictionMap jurisdictions, Region localRegion) {
        return new OwnershipRegistryProjection(registry, fencedWrites, handovers, relocations, jurisdictions,
                localRegion);
    }

    @Bean
    EventStorageEngine eventStorageEngine(Serializer snapshotSerializer,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager,
                                          JdbcOwnershipRegistry registry, Region localRegion, MeterRegistry meters,
                                          SubjectKeys subjectKeys, AggregateCaches caches,
                                          RegionArrivals arrivals, VoidedEvents voided) {
        EventStorageEngine jdbc = JdbcEventStorageEngine.builder()
                .snapshotSerializer(snapshotSerializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(RegentSchemas.events())
                .build();
        // Fenced by ownership, then personal data encrypted at rest: the JDBC store never holds it in the clear.
        // Voided events are read as placeholders. New events read by position wake the region's idle processors.
        return new ArrivalSignallingStorageEngine(new VoidingStorageEngine(new OwnerFencedEventStorageEngine(
                new PersonalDataProtectingStorageEngine(jdbc, subjectKeys, caches::evict), registry,
                localRegion, meters), voided), arrivals);
    }

    /** Events remember where the command that caused them entered the system. */
    @Bean
    CorrelationDataProvider acceptedRegionCorrelation() {
        return new SimpleCorrelationDataProvider(OwnershipMetadata.ACCEPTED_REGION);
    }

    /**
     * Events remember which version of the service appended them ({@code regent.application-version}, by default the
     * jar's Implementation-Version): a freeze can hold one release's writes.
     */
    @Bean
    CorrelationDataProvider applicationVersionCorrelation(
            @org.springframework.beans.factory.annotation.Value("${regent.application-version:}") String configured) {
        String version = !configured.isBlank() ? configured
                : java.util.Objects.requireNonNullElse(OwnershipConfiguration.class.getPackage()
                .getImplementationVersion(), "unversioned");
        Map<String, String> stamp = Map.of(OwnershipMetadata.APPLICATION_VERSION, version);
        return message -> stamp;
    }

    /**
     * Axon's correlation and trace ids. Declared here because Axon only adds its own when no other provider exists:
     * a routed request is followed through them (its events carry the command's id as correlation id).
     */
    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }
}
