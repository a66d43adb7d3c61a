package dev.regent.insurer.evolution;

import dev.regent.infrastructure.evolution.RenamedEventTypes;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import java.util.Map;

/** The insurer's upcasters: every {@link EventUpcaster} bean joins the regions' chain (store, ingress, dead letters). */
@Configuration(proxyBeanMethods = false)
class InsurerEvolutionConfiguration {

    /** Regent 0.1 kept the insurer's events in the platform's packages: stored ones are read under their new names. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    EventUpcaster insurerEventsMovedOutOfThePlatform() {
        return new RenamedEventTypes(Map.of(
                "dev.regent.domain.identity.", "dev.regent.insurer.identity.",
                "dev.regent.domain.policy.", "dev.regent.insurer.policy.",
                "dev.regent.domain.claims.", "dev.regent.insurer.claims."));
    }

    @Bean
    EventUpcaster customerRegisteredEvent1To2() {
        return new CustomerRegisteredEventUpcaster();
    }
}
