package dev.regent.application.residency;

import dev.regent.infrastructure.residency.PersonalDataAtRest;
import dev.regent.projections.replication.EventsAtRest;
import dev.regent.projections.replication.ViewStores;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The read models keep what they hold behind a gap or park with its personal values sealed under keys that erasure
 * shreds (see {@link PersonalDataAtRest}): nothing a view keeps for later outlives the subject's erasure.
 */
@Configuration(proxyBeanMethods = false)
class EventsAtRestConfiguration {

    @Bean
    EventsAtRest eventsAtRest(ViewStores stores, PersonalDataAtRest personalData) {
        EventsAtRest atRest = new EventsAtRest() {
            @Override
            public <M extends EventMessage<?>> M sealed(M event) {
                return personalData.sealed(event);
            }

            @Override
            public <M extends EventMessage<?>> M opened(M event) {
                return personalData.opened(event);
            }
        };
        stores.keepEventsAtRest(atRest);
        return atRest;
    }
}
