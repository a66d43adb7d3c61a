package dev.regent.infrastructure.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.ownership.OwnershipResolver;
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
 * Axon's {@link DistributedCommandBus}, with ownership as the router and HTTP between regions as the connector. Axon's
 * auto-configured {@code SimpleCommandBus} stays the local segment, where handlers and interceptors live.
 */
@Configuration(proxyBeanMethods = false)
public class RoutingConfiguration {

    @Bean
    CommandWireFormat commandWireFormat(@Qualifier("messageSerializer") Serializer messageSerializer) {
        return new CommandWireFormat(messageSerializer);
    }

    @Bean
    @Primary
    DistributedCommandBus distributedCommandBus(@Qualifier("localSegment") CommandBus localSegment,
                                                OwnershipResolver resolver, RegentProperties properties,
                                                Region localRegion, CommandWireFormat wireFormat,
                                                ObjectMapper objectMapper,
                                                OwnerUnavailablePolicy ownerUnavailablePolicy, MeterRegistry meters) {
        return DistributedCommandBus.builder()
                .commandRouter(new OwnershipCommandRouter(resolver, properties))
                .connector(new HttpCommandBusConnector(localSegment, localRegion, wireFormat, objectMapper,
                        properties.getRouting().getTimeout(), ownerUnavailablePolicy, meters))
                .build();
    }

    @Bean
    CommandForwardingEndpoint commandForwardingEndpoint(@Qualifier("localSegment") CommandBus localSegment,
                                                        CommandWireFormat wireFormat) {
        return new CommandForwardingEndpoint(localSegment, wireFormat);
    }
}
