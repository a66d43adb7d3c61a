package dev.regent.projections.identity;

import dev.regent.domain.identity.CustomerContactChangedEvent;
import dev.regent.domain.identity.CustomerIdentity;
import dev.regent.domain.identity.CustomerRegisteredEvent;
import dev.regent.projections.replication.VersionedView;
import dev.regent.projections.replication.VersionedViews;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;

import java.util.Optional;

/** Customers, from this region's own events and from the other regions' mirrored ones. */
@ProcessingGroup(CustomerProjection.VIEW)
public class CustomerProjection {

    public static final String VIEW = "customers";
    public static final String AGGREGATE_TYPE = CustomerIdentity.class.getSimpleName();

    private final VersionedViews<CustomerView> views;

    public CustomerProjection(VersionedViews<CustomerView> views) {
        this.views = views;
    }

    @EventHandler
    void on(CustomerRegisteredEvent event, DomainEventMessage<?> message) {
        views.apply(message, current -> CustomerView.registered(event));
    }

    @EventHandler
    void on(CustomerContactChangedEvent event, DomainEventMessage<?> message) {
        views.apply(message, current -> current.withContact(event.email(), event.phone()));
    }

    /** Keeps the sequence moving past customer events this view does not show. */
    @EventHandler
    void on(Object otherEvent, DomainEventMessage<?> message) {
        views.advance(message);
    }

    @ResetHandler
    void reset() {
        views.clear();
    }

    public Optional<VersionedView<CustomerView>> find(String customerId) {
        return views.find(customerId);
    }
}
