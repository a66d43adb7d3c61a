package dev.regent.infrastructure.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.ownership.AggregatePackages;
import dev.regent.infrastructure.ownership.OwnershipResolver;
import dev.regent.infrastructure.peer.PeerClient;
import dev.regent.infrastructure.peer.Peers;
import dev.regent.infrastructure.region.RegentProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.distributed.DistributedCommandBus;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Axon's {@link DistributedCommandBus}, with ownership as the router and HTTP between regions (the peer zone) as the
 * connector. Axon's auto-configured {@code SimpleCommandBus} stays the local segment, where handlers and interceptors
 * live.
 */
@Configuration(proxyBeanMethods = false)
public class RoutingConfiguration {

    @Bean
    HandledCommands handledCommands() {
        return new HandledCommands();
    }

    @Bean
    CommandWireFormat commandWireFormat(@Qualifier("messageSerializer") Serializer messageSerializer,
                                        HandledCommands handledCommands, AggregatePackages packages) {
        return new CommandWireFormat(messageSerializer, handledCommands, packages.names());
    }

    @Bean
    Peers peers(RegentProperties properties, Region localRegion) {
        return new Peers(properties, localRegion);
    }

    @Bean
    @Primary
    DistributedCommandBus distributedCommandBus(@Qualifier("localSegment") CommandBus localSegment,
                                                OwnershipResolver resolver, RegentProperties properties,
                                                CommandWireFormat wireFormat, ObjectMapper objectMapper,
                                                OwnerUnavailablePolicy ownerUnavailablePolicy, MeterRegistry meters,
                                                PeerClient peerClient, HandledCommands handledCommands) {
        return DistributedCommandBus.builder()
                .commandRouter(new OwnershipCommandRouter(resolver, properties))
                .connector(new HttpCommandBusConnector(new ConflictRetryingCommandBus(localSegment), wireFormat,
                        objectMapper, properties.routing().timeout(), ownerUnavailablePolicy, meters, peerClient,
                        handledCommands))
                .build();
    }

    @Bean
    CommandForwardingEndpoint commandForwardingEndpoint(@Qualifier("localSegment") CommandBus localSegment,
                                                        CommandWireFormat wireFormat, Peers peers) {
        return new CommandForwardingEndpoint(new ConflictRetryingCommandBus(localSegment), wireFormat, peers);
    }
}
