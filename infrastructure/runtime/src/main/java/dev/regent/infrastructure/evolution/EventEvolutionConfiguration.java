package dev.regent.infrastructure.evolution;

import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The upcasters of older revisions of Regent's own events; an application declares its own the same way (the
 * insurer's: {@code InsurerEvolutionConfiguration}). Axon's Spring Boot configuration puts every {@link EventUpcaster} bean in
 * the regions' upcaster chain, which the event store and the Kafka ingress both read through. The chain applies them
 * in bean order: give one type's later steps ({@code 2 → 3}) a higher {@code @Order} than its earlier ones.
 */
@Configuration(proxyBeanMethods = false)
public class EventEvolutionConfiguration {

    @Bean
    EventUpcaster ownershipTransferredEvent1To2() {
        return new OwnershipTransferredEventUpcaster();
    }
}
