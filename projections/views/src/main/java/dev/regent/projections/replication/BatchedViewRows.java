package dev.regent.projections.replication;

import dev.regent.projections.requests.RoutedRequests;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The rows an event processor's batch touches in one view, so that the batch costs a few statements instead of three
 * per event: the rows of every aggregate in the batch are read and locked with one query when the view sees the
 * batch's first event, evolved in memory, and written back with one statement as the batch commits (with the
 * processor's token, as before). Which aggregates have events held behind a gap is read with them, so that applying
 * an event only looks for held successors where there are some.
 */
final class BatchedViewRows<V> implements ViewRows<V> {

    private final ViewRowStatements statements;
    private final RoutedRequests routedRequests;
    private final Consumer<List<String>> forget;
    private final Set<String> prefetched;
    private final Set<String> withHeldEvents;
    private final Map<String, Optional<CurrentRow<V>>> rows = new HashMap<>();
    private final Map<String, RowWrite> writes = new LinkedHashMap<>();
    private final Map<String, Long> appliedRequests = new LinkedHashMap<>();

    BatchedViewRows(ViewRowStatements statements, RoutedRequests routedRequests, Consumer<List<String>> forget,
                    Collection<String> aggregateIds) {
        this.statements = statements;
        this.routedRequests = routedRequests;
        this.forget = forget;
        this.prefetched = ViewRowStatements.storable(aggregateIds);
        prefetched.forEach(id -> rows.put(id, Optional.empty()));
        statements.<V>lock(prefetched).forEach(row -> rows.put(row.getKey(), Optional.of(row.getValue())));
        this.withHeldEvents = statements.withHeldEvents(prefetched);
    }

    @Override
    public Optional<CurrentRow<V>> current(String aggregateId) {
        // An aggregate the batch did not announce (a held event's, a retried letter's) is read on its own.
        return rows.computeIfAbsent(aggregateId, id ->
                statements.<V>lock(List.of(id)).stream().findFirst().map(Map.Entry::getValue));
    }

    @Override
    public void write(RowWrite row, V decoded) {
        // Only the batch's last write of a row is sent: it carries the highest import epoch any of them had.
        long importedEpoch = Math.max(row.importedEpoch(),
                current(row.aggregateId()).map(CurrentRow::importedEpoch).orElse(0L));
        RowWrite last = new RowWrite(row.aggregateId(), row.aggregateType(), row.ownerRegion(), row.ownerEpoch(),
                row.lastSequence(), row.state(), row.lastEventId(), row.lastEventAt(), importedEpoch);
        writes.put(row.aggregateId(), last);
        rows.put(row.aggregateId(), Optional.of(new CurrentRow<>(row.lastSequence(), row.state(), importedEpoch,
                decoded)));
    }

    @Override
    public void forget(String aggregateId) {
        forget.accept(List.of(aggregateId));
        writes.remove(aggregateId);
        rows.put(aggregateId, Optional.empty());
        withHeldEvents.remove(aggregateId);
    }

    @Override
    public boolean mayHoldEvents(String aggregateId) {
        return withHeldEvents.contains(aggregateId) || !prefetched.contains(aggregateId);
    }

    @Override
    public void held(String aggregateId) {
        withHeldEvents.add(aggregateId);
    }

    @Override
    public void requestApplied(String requestId, long version) {
        appliedRequests.merge(requestId, version, Math::max);
    }

    /** Writes the batch's rows, then settles the routed requests they make visible. */
    void flush() {
        if (!writes.isEmpty()) {
            statements.upsert(writes.values());
            writes.clear();
        }
        if (!appliedRequests.isEmpty()) {
            routedRequests.markApplied(appliedRequests);
            appliedRequests.clear();
        }
    }
}
