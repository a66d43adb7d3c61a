package dev.regent.infrastructure.failover;

import dev.regent.domain.ownership.FailoverPolicy;
import dev.regent.domain.ownership.Region;

/** Where a region shows its requesters what became of the commands it deferred ({@code GET /requests/{id}}). */
public interface RequestTracker {

    void deferred(String requestId, String commandName, String aggregateId, Region owner, FailoverPolicy policy);

    /** The owner applied it; {@code result} is its answer (an aggregate's new version, or null). */
    void delivered(String requestId, String aggregateId, Object result);

    /** The owner refused it; {@code problem} is its problem body, if it sent one. */
    void refused(String requestId, String reason, String problem);
}
