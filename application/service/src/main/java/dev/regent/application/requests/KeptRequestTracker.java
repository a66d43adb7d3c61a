package dev.regent.application.requests;

import dev.regent.domain.ownership.FailoverPolicy;
import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.failover.RequestTracker;
import dev.regent.projections.requests.RequestStatus;
import dev.regent.projections.requests.RoutedRequests;
import org.springframework.stereotype.Component;

/**
 * Shows kept commands as requests ({@code GET /requests/{id}}): QUEUED or CAPTURED, then APPLIED once the owner's
 * change is visible here, or REJECTED with the owner's reason.
 */
@Component
class KeptRequestTracker implements RequestTracker {

    private final RoutedRequests requests;

    KeptRequestTracker(RoutedRequests requests) {
        this.requests = requests;
    }

    @Override
    public void deferred(String requestId, String commandName, String aggregateId, Region owner,
                         FailoverPolicy policy) {
        requests.recordKept(requestId, commandName, aggregateId, owner,
                policy == FailoverPolicy.CAPTURE ? RequestStatus.CAPTURED : RequestStatus.QUEUED);
    }

    @Override
    public void delivered(String requestId, String aggregateId, Object result) {
        if (result instanceof Long version) {
            requests.ownerAccepted(requestId, version, () -> requests.visibleVersion(aggregateId));
        }
        // Otherwise APPLIED comes with the owner's event, which carries the request id as its correlation id.
    }

    @Override
    public void refused(String requestId, String reason, String problem) {
        requests.ownerRejected(requestId, reason, problem);
    }
}
