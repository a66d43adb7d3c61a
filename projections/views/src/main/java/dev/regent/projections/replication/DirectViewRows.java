package dev.regent.projections.replication;

import dev.regent.projections.requests.RoutedRequests;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Outside an event processor's batch (operator actions, audits' replays, tests): every change is one statement. */
final class DirectViewRows<V> implements ViewRows<V> {

    private final ViewRowStatements statements;
    private final RoutedRequests routedRequests;
    private final Consumer<List<String>> forget;

    DirectViewRows(ViewRowStatements statements, RoutedRequests routedRequests, Consumer<List<String>> forget) {
        this.statements = statements;
        this.routedRequests = routedRequests;
        this.forget = forget;
    }

    @Override
    public Optional<CurrentRow<V>> current(String aggregateId) {
        return statements.<V>lock(List.of(aggregateId)).stream().findFirst().map(Map.Entry::getValue);
    }

    @Override
    public void write(RowWrite row, V decoded) {
        statements.upsert(row);
    }

    @Override
    public void forget(String aggregateId) {
        forget.accept(List.of(aggregateId));
    }

    @Override
    public boolean mayHoldEvents(String aggregateId) {
        return true;
    }

    @Override
    public void held(String aggregateId) {
        // nothing to remember: every applied event looks for held successors
    }

    @Override
    public void requestApplied(String requestId, long version) {
        routedRequests.markApplied(Map.of(requestId, version));
    }
}
