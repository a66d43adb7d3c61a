package dev.regent.insurer.views.identity;

import dev.regent.insurer.identity.CustomerContactChangedEvent;
import dev.regent.insurer.identity.CustomerDomicileChangedEvent;
import dev.regent.insurer.identity.CustomerIdentity;
import dev.regent.insurer.identity.CustomerRegisteredEvent;
import dev.regent.insurer.identity.PersonalDataErasedEvent;
import dev.regent.insurer.identity.PreferredLanguageChangedEvent;
import dev.regent.projections.replication.VersionedProjection;
import dev.regent.projections.replication.VersionedViews;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;

/** Customers, from this region's own events and from the other regions' mirrored ones. */
@ProcessingGroup(CustomerProjection.VIEW)
public class CustomerProjection extends VersionedProjection<CustomerView> {

    public static final String VIEW = "customers";
    public static final String AGGREGATE_TYPE = CustomerIdentity.class.getSimpleName();

    public CustomerProjection(VersionedViews<CustomerView> views) {
        super(views);
    }

    @EventHandler
    void on(CustomerRegisteredEvent event, DomainEventMessage<?> message) {
        views.apply(message, current -> CustomerView.registered(event));
    }

    @EventHandler
    void on(CustomerContactChangedEvent event, DomainEventMessage<?> message) {
        views.apply(message, current -> current.withContact(event.email(), event.phone()));
    }

    @EventHandler
    void on(CustomerDomicileChangedEvent event, DomainEventMessage<?> message) {
        views.apply(message, current -> current.movedTo(event.domicile()));
    }

    @EventHandler
    void on(PreferredLanguageChangedEvent event, DomainEventMessage<?> message) {
        views.apply(message, current -> current.preferring(event.preferredLanguage()));
    }

    @EventHandler
    void on(PersonalDataErasedEvent event, DomainEventMessage<?> message) {
        views.apply(message, CustomerView::erased);
    }
}
