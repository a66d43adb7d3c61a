package dev.regent.insurer.views.policy;

import dev.regent.insurer.policy.Policy;
import dev.regent.insurer.policy.CoverageLimitChangedEvent;
import dev.regent.insurer.policy.PolicyIssuedEvent;
import dev.regent.projections.replication.VersionedProjection;
import dev.regent.projections.replication.VersionedView;
import dev.regent.projections.replication.VersionedViews;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;

import java.util.List;

/** Policies, from this region's own events and from the other regions' mirrored ones. */
@ProcessingGroup(PolicyProjection.VIEW)
public class PolicyProjection extends VersionedProjection<PolicyView> {

    public static final String VIEW = "policies";
    public static final String AGGREGATE_TYPE = Policy.class.getSimpleName();

    public PolicyProjection(VersionedViews<PolicyView> views) {
        super(views);
    }

    @EventHandler
    void on(PolicyIssuedEvent event, DomainEventMessage<?> message) {
        views.apply(message, current -> PolicyView.issued(event));
    }

    @EventHandler
    void on(CoverageLimitChangedEvent event, DomainEventMessage<?> message) {
        views.apply(message, current -> current.withCoverageLimit(event.coverageLimit()));
    }

    public List<VersionedView<PolicyView>> findByCustomer(String customerId) {
        return views.findBy("customerId", customerId);
    }
}
