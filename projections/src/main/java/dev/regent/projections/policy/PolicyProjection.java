package dev.regent.projections.policy;

import dev.regent.domain.policy.Policy;
import dev.regent.domain.policy.PolicyIssuedEvent;
import dev.regent.projections.replication.VersionedView;
import dev.regent.projections.replication.VersionedViews;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;

import java.util.List;
import java.util.Optional;

/** Policies, from this region's own events and from the other regions' mirrored ones. */
@ProcessingGroup(PolicyProjection.VIEW)
public class PolicyProjection {

    public static final String VIEW = "policies";
    public static final String AGGREGATE_TYPE = Policy.class.getSimpleName();

    private final VersionedViews<PolicyView> views;

    public PolicyProjection(VersionedViews<PolicyView> views) {
        this.views = views;
    }

    @EventHandler
    void on(PolicyIssuedEvent event, DomainEventMessage<?> message) {
        views.apply(message, current -> PolicyView.issued(event));
    }

    /** Keeps the sequence moving past policy events this view does not show. */
    @EventHandler
    void on(Object otherEvent, DomainEventMessage<?> message) {
        views.advance(message);
    }

    @ResetHandler
    void reset() {
        views.clear();
    }

    public Optional<VersionedView<PolicyView>> find(String policyId) {
        return views.find(policyId);
    }

    public List<VersionedView<PolicyView>> findByCustomer(String customerId) {
        return views.findBy("customerId", customerId);
    }
}
