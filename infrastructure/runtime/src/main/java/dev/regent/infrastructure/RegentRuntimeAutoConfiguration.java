package dev.regent.infrastructure;

import dev.regent.infrastructure.containment.ContainmentConfiguration;
import dev.regent.infrastructure.deadlines.DeadlinesConfiguration;
import dev.regent.infrastructure.evolution.EventEvolutionConfiguration;
import dev.regent.infrastructure.failover.FailoverConfiguration;
import dev.regent.infrastructure.instances.InstancesConfiguration;
import dev.regent.infrastructure.kafka.EventTransportConfiguration;
import dev.regent.infrastructure.ownership.OwnershipConfiguration;
import dev.regent.infrastructure.postgres.AxonStoresConfiguration;
import dev.regent.infrastructure.postgres.SerializationConfiguration;
import dev.regent.infrastructure.peer.PeerConfiguration;
import dev.regent.infrastructure.region.RegentProperties;
import dev.regent.infrastructure.residency.ResidencyConfiguration;
import dev.regent.infrastructure.routing.RoutingConfiguration;
import dev.regent.infrastructure.transfer.TransferConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureOrder;

import java.time.Clock;

/**
 * A region's runtime, for any Spring Boot + Axon service that depends on Regent's starter: stores, ownership
 * enforcement, routing between peers, failover, transfers, residency and event transport. Ahead of Axon's own
 * auto-configuration, so that Axon's defaults back off where Regent provides the component.
 */
@AutoConfiguration
@AutoConfigureOrder(Ordered.HIGHEST_PRECEDENCE)
@EnableConfigurationProperties(RegentProperties.class)
@Import({SerializationConfiguration.class, AxonStoresConfiguration.class, OwnershipConfiguration.class, RoutingConfiguration.class, PeerConfiguration.class,
        FailoverConfiguration.class, TransferConfiguration.class, EventTransportConfiguration.class, DeadlinesConfiguration.class, ResidencyConfiguration.class, ContainmentConfiguration.class,
        EventEvolutionConfiguration.class, InstancesConfiguration.class})
public class RegentRuntimeAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
