package dev.regent.projections.replication;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.domain.containment.EventsVoided;
import dev.regent.domain.ownership.OwnershipMetadata;
import dev.regent.domain.ownership.Region;
import dev.regent.projections.requests.RoutedRequests;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;

import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The rows of one view: one per aggregate, applied strictly in aggregate sequence order (see the package docs).
 * Statements join the event processor's transaction, so a row and the processor's token commit together.
 */
public class VersionedViews<V> {

    /** Axon's correlation id: the id of the command that caused the event. */
    private static final String CORRELATION_ID = "correlationId";

    private final String viewName;
    private final Class<V> viewType;
    private final String aggregateType;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final RowJson<V> rowJson;
    private final Serializer eventSerializer;
    private final Region localRegion;
    private final ProjectionMetrics metrics;
    private final RoutedRequests routedRequests;
    private final Supplier<IngressHold> ingressHold;
    private final Supplier<VoidRepair> voidRepair;
    private final Supplier<EventsAtRest> atRest;
    private final ViewRowStatements statements;
    private final ViewRows<V> direct;
    private final String batchResource;
    private volatile EventMessageHandler heldEventHandler;
    /** Set when PostgreSQL refused a batch's rows: its retry writes row by row, so that one event can be parked. */
    private volatile boolean rowByRow;

    VersionedViews(String viewName, Class<V> viewType, String aggregateType, JdbcTemplate jdbc, ObjectMapper json,
                   Serializer eventSerializer, Region localRegion, ProjectionMetrics metrics,
                   RoutedRequests routedRequests, Supplier<IngressHold> ingressHold,
                   Supplier<VoidRepair> voidRepair, Supplier<EventsAtRest> atRest) {
        this.viewName = viewName;
        this.viewType = viewType;
        this.aggregateType = aggregateType;
        this.jdbc = jdbc;
        this.json = json;
        this.rowJson = new RowJson<>(viewName, viewType, json);
        this.eventSerializer = eventSerializer;
        this.localRegion = localRegion;
        this.metrics = metrics;
        this.routedRequests = routedRequests;
        this.ingressHold = ingressHold;
        this.voidRepair = voidRepair;
        this.atRest = atRest;
        this.statements = new ViewRowStatements(jdbc, viewName);
        this.direct = new DirectViewRows<>(statements, routedRequests, this::forget);
        this.batchResource = "regent.view-rows." + viewName;
    }

    /**
     * Held events are applied, once their gap is filled, by handing them to the projection's own handlers again.
     * Wire this once, to an adapter around the projection that owns this view.
     */
    public void redeliverHeldEventsTo(EventMessageHandler projection) {
        this.heldEventHandler = projection;
    }

    /**
     * Applies {@code event} to its aggregate's row if it is the next in sequence; {@code evolve} gets the current state
     * ({@code null} before the aggregate's first event) and returns the new one, and must be free of side effects.
     * Inside an event processor's batch the row is read with the batch's others and written when the batch commits.
     */
    public ApplyOutcome apply(DomainEventMessage<?> event, UnaryOperator<V> evolve) {
        return apply(event, evolve, true);
    }

    private ApplyOutcome apply(DomainEventMessage<?> event, UnaryOperator<V> evolve, boolean freezesApply) {
        String aggregateId = event.getAggregateIdentifier();
        if (!ViewRowStatements.storable(aggregateId)) {
            throw new StorageFailedException(viewName, "(an id PostgreSQL cannot store)",
                    "its aggregate id is longer than 255 characters or holds a NUL");
        }
        ViewRows<V> rows = rowsFor(event);
        Optional<CurrentRow<V>> current = rows.current(aggregateId);
        long importedAt = importEpoch(event);
        if (importedAt > 0 && event.getSequenceNumber() == 0
                && current.filter(row -> row.importedEpoch() < importedAt).isPresent()) {
            // A new owner copied the stream: its copy, as it lets this region see the data, replaces the former
            // owner's. Once per epoch, so a copy delivered again changes nothing.
            rows.forget(aggregateId);
            current = Optional.empty();
        }
        long expected = current.map(row -> row.lastSequence() + 1).orElse(0L);
        long sequence = event.getSequenceNumber();
        if (sequence < expected) {
            metrics.recordDuplicate(viewName);
            return ApplyOutcome.DUPLICATE;
        }
        if (freezesApply) {
            requireNotFrozen(event);
        }
        if (sequence > expected) {
            hold(event, expected);
            rows.held(aggregateId);
            metrics.recordHeld(viewName);
            return ApplyOutcome.HELD;
        }
        V next = evolve.apply(current.map(row -> row.decoded() != null ? row.decoded()
                : rowJson.read(aggregateId, row.state())).orElse(null));
        // Checked storable now, so that a state PostgreSQL would refuse parks this event, not its whole batch.
        rows.write(rowWrite(event, rowJson.storable(aggregateId, next)), next);
        metrics.recordApplied(viewName, event, localRegion);
        settleRoutedRequest(event, rows);
        if (rows.mayHoldEvents(aggregateId)) {
            redeliverHeld(aggregateId, sequence + 1);
        }
        return ApplyOutcome.APPLIED;
    }

    /**
     * The owner voided some of the aggregate's events ({@code correction}, itself the aggregate's next event). A row past
     * the first of them may show them, and is made again: on the owner from its store, which now hands them out as
     * placeholders; elsewhere it is forgotten and the owner asked to publish the aggregate again toward this region
     * (the events after the correction wait behind the gap meanwhile). A correction handed again in such a repair, or
     * reaching a row that shows nothing it voided, only moves the row on.
     */
    public ApplyOutcome applyVoid(DomainEventMessage<?> event, EventsVoided correction) {
        String aggregateId = event.getAggregateIdentifier();
        ViewRows<V> rows = rowsFor(event);
        boolean mayShowVoided = ViewRowStatements.storable(aggregateId) && rows.current(aggregateId)
                .filter(row -> row.lastSequence() >= correction.firstSequence()
                        && row.lastSequence() < event.getSequenceNumber()).isPresent();
        if (!mayShowVoided || event.getMetaData().containsKey(OwnershipMetadata.RESYNC)) {
            return apply(event, UnaryOperator.identity());
        }
        Optional<List<? extends DomainEventMessage<?>>> history = voidRepair.get().ownedHistory(aggregateId);
        if (history.isPresent()) {
            rows.forget(aggregateId);
            history.get().forEach(stored -> handOver(stored.andMetaData(Map.of(OwnershipMetadata.RESYNC, "true"))));
            return ApplyOutcome.APPLIED;
        }
        Optional<Region> owner = voidRepair.get().ownerElsewhere(aggregateId);
        if (owner.isEmpty()) {
            return apply(event, UnaryOperator.identity());
        }
        rows.forget(aggregateId);
        askResync(owner.get(), aggregateId);
        return ApplyOutcome.HELD;
    }

    /**
     * In a processor's batch, one request per owner as the batch is about to commit: the owner's resync is read by
     * this same processor after the commit, and a batch that then fails asks again when it is retried.
     */
    private void askResync(Region owner, String aggregateId) {
        if (!CurrentUnitOfWork.isStarted()) {
            voidRepair.get().requestResync(owner, List.of(aggregateId));
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        Map<Region, Set<String>> asked = unitOfWork.getOrComputeResource(batchResource + ".resync", key -> {
            Map<Region, Set<String>> byOwner = new LinkedHashMap<>();
            unitOfWork.onPrepareCommit(committing -> byOwner.forEach(voidRepair.get()::requestResync));
            return byOwner;
        });
        asked.computeIfAbsent(owner, region -> new LinkedHashSet<>()).add(aggregateId);
    }

    /** An event a freeze holds is parked, not applied; its aggregate's later events wait behind it. */
    private void requireNotFrozen(DomainEventMessage<?> event) {
        Optional<String> freeze = ingressHold.get().freezeHolding(event);
        if (freeze.isPresent()) {
            throw new FrozenEventException(freeze.get());
        }
    }

    /**
     * Moves an aggregate's row past an event this view does not project, so that the events after it are not held
     * behind it. Events of other aggregate types are not this view's business and are ignored.
     */
    public void advance(DomainEventMessage<?> event) {
        if (aggregateType.equals(event.getType())) {
            apply(event, UnaryOperator.identity());
        }
    }

    /**
     * Moves an aggregate's row past an event that will never be applied (an operator skipped it after it was parked),
     * leaving the state as it was, so that the events after it can be.
     */
    public void skip(DomainEventMessage<?> event) {
        apply(event, UnaryOperator.identity(), false);
    }

    public Optional<VersionedView<V>> find(String aggregateId) {
        return jdbc.query("select aggregate_id, owner_region, owner_epoch, last_sequence, state::text as state, "
                        + "last_event_at from regent_view where view_name = ? and aggregate_id = ?",
                viewRow(), viewName, aggregateId).stream().findFirst();
    }

    /** Rows whose state has {@code value} at top-level JSON field {@code field}. */
    public List<VersionedView<V>> findBy(String field, String value) {
        return jdbc.query("select aggregate_id, owner_region, owner_epoch, last_sequence, state::text as state, "
                        + "last_event_at from regent_view where view_name = ? and state ->> ? = ? "
                        + "order by aggregate_id",
                viewRow(), viewName, field, value);
    }

    /** Which of {@code aggregateIds} have a row in this view. */
    public Set<String> withRows(Collection<String> aggregateIds) {
        if (aggregateIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.query(con -> {
            var statement = con.prepareStatement(
                    "select aggregate_id from regent_view where view_name = ? and aggregate_id = any(?)");
            statement.setString(1, viewName);
            statement.setArray(2, con.createArrayOf("varchar", aggregateIds.toArray(String[]::new)));
            return statement;
        }, (rs, n) -> rs.getString(1)));
    }

    public long count() {
        Long count = jdbc.queryForObject("select count(*) from regent_view where view_name = ?", Long.class, viewName);
        return count == null ? 0 : count;
    }

    /** Events held behind a gap, for all aggregates of this view. */
    public long heldCount() {
        Long count = jdbc.queryForObject("select count(*) from regent_held_event where view_name = ?", Long.class,
                viewName);
        return count == null ? 0 : count;
    }

    /**
     * One row as it is stored: the aggregate, its owner, the last sequence applied and the state; {@code state} is
     * null and {@code readable} false for a row this view cannot read (see {@link UnreadableRowException}).
     */
    public record StoredRow<V>(String aggregateId, Region owner, long lastSequence, V state, boolean readable) {
    }

    /**
     * Streams the rows of aggregates owned by {@code owner} (all rows when null), in aggregate id order. A row that
     * cannot be read is passed on as unreadable, so that one corrupt row does not stop a whole pass.
     */
    public void forEachRow(Region owner, Consumer<StoredRow<V>> consumer) {
        String sql = "select aggregate_id, owner_region, last_sequence, state::text from regent_view "
                + "where view_name = ?" + (owner == null ? "" : " and owner_region = ?") + " order by aggregate_id";
        Object[] arguments = owner == null ? new Object[]{viewName} : new Object[]{viewName, owner.name()};
        jdbc.query(con -> {
            var statement = con.prepareStatement(sql);
            statement.setFetchSize(1_000);
            for (int i = 0; i < arguments.length; i++) {
                statement.setObject(i + 1, arguments[i]);
            }
            return statement;
        }, (RowCallbackHandler) rs -> {
            String aggregateId = rs.getString(1);
            V state = null;
            boolean readable = true;
            try {
                state = rowJson.read(aggregateId, rs.getString(4));
            } catch (UnreadableRowException e) {
                readable = false;
            }
            consumer.accept(new StoredRow<>(aggregateId, Region.of(rs.getString(2)), rs.getLong(3), state, readable));
        });
    }

    /** Forgets some aggregates' rows and held events, so that they can be applied again from their first event. */
    public int forget(Collection<String> aggregateIds) {
        if (aggregateIds.isEmpty()) {
            return 0;
        }
        String[] ids = aggregateIds.toArray(String[]::new);
        jdbc.update(con -> {
            var statement = con.prepareStatement(
                    "delete from regent_held_event where view_name = ? and aggregate_id = any(?)");
            statement.setString(1, viewName);
            statement.setArray(2, con.createArrayOf("varchar", ids));
            return statement;
        });
        return jdbc.update(con -> {
            var statement = con.prepareStatement("delete from regent_view where view_name = ? and aggregate_id = any(?)");
            statement.setString(1, viewName);
            statement.setArray(2, con.createArrayOf("varchar", ids));
            return statement;
        });
    }

    /** Canonical JSON of a state: what reconciliation hashes. */
    public String canonical(Object state) {
        try {
            return json.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + viewName + " state " + state, e);
        }
    }

    public Class<V> viewType() {
        return viewType;
    }

    public String aggregateType() {
        return aggregateType;
    }

    /** Forgets every row and held event of this view: the start of a rebuild. */
    public void clear() {
        jdbc.update("delete from regent_held_event where view_name = ?", viewName);
        jdbc.update("delete from regent_view where view_name = ?", viewName);
    }

    public String viewName() {
        return viewName;
    }

    private ViewRows<V> rowsFor(DomainEventMessage<?> event) {
        if (!CurrentUnitOfWork.isStarted()) {
            return direct;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        if (rowByRow) {
            unitOfWork.getOrComputeResource(batchResource + ".row-by-row", key -> {
                unitOfWork.afterCommit(committed -> rowByRow = false);
                return Boolean.TRUE;
            });
            return direct;
        }
        return unitOfWork.getOrComputeResource(batchResource, key -> startBatch(unitOfWork, event));
    }

    private BatchedViewRows<V> startBatch(UnitOfWork<?> unitOfWork, DomainEventMessage<?> first) {
        Set<String> aggregateIds = new LinkedHashSet<>();
        aggregateIds.add(first.getAggregateIdentifier());
        if (unitOfWork instanceof BatchingUnitOfWork<?> batch) {
            for (Message<?> message : batch.getMessages()) {
                if (message instanceof DomainEventMessage<?> event && aggregateType.equals(event.getType())) {
                    aggregateIds.add(event.getAggregateIdentifier());
                }
            }
        }
        BatchedViewRows<V> rows = new BatchedViewRows<>(statements, routedRequests, this::forget, aggregateIds);
        unitOfWork.onPrepareCommit(committing -> flush(rows));
        return rows;
    }

    private void flush(BatchedViewRows<V> rows) {
        try {
            rows.flush();
        } catch (StorageFailedException e) {
            // A row no check foresaw (its event id too long, say): the batch rolls back, and its retry is written row
            // by row, where the event at fault is parked and the others applied.
            rowByRow = true;
            throw e;
        }
    }

    /** The epoch under which a new owner copied this event into its store; 0 for an event never copied. */
    private static long importEpoch(DomainEventMessage<?> event) {
        return OwnershipMetadata.epoch(event.getMetaData(), OwnershipMetadata.IMPORTED_AT_EPOCH).orElse(0L);
    }

    private RowWrite rowWrite(DomainEventMessage<?> event, String state) {
        String ownerRegion = OwnershipMetadata.region(event.getMetaData(), OwnershipMetadata.ORIGIN_REGION)
                .map(Region::name).orElse(localRegion.name());
        long ownerEpoch = OwnershipMetadata.epoch(event.getMetaData(), OwnershipMetadata.OWNER_EPOCH).orElse(0L);
        return new RowWrite(event.getAggregateIdentifier(), event.getType(), ownerRegion, ownerEpoch,
                event.getSequenceNumber(), state, event.getIdentifier(), Timestamp.from(event.getTimestamp()),
                importEpoch(event));
    }

    /** A change this region routed to the owner is visible here now, in the same transaction as the row. */
    private void settleRoutedRequest(DomainEventMessage<?> event, ViewRows<V> rows) {
        Object requestId = event.getMetaData().get(CORRELATION_ID);
        boolean remote = OwnershipMetadata.region(event.getMetaData(), OwnershipMetadata.ORIGIN_REGION)
                .filter(origin -> !origin.equals(localRegion)).isPresent();
        // A correlation id PostgreSQL cannot hold (a NUL) names no request of this region, and would abort the batch.
        if (remote && requestId != null && requestId.toString().indexOf('\0') < 0) {
            rows.requestApplied(requestId.toString(), event.getSequenceNumber() + 1);
        }
    }

    private void hold(DomainEventMessage<?> handled, long expected) {
        DomainEventMessage<?> event = atRest.get().sealed(handled); // it may wait for good: never in the clear
        SerializedObject<byte[]> payload = event.serializePayload(eventSerializer, byte[].class);
        SerializedObject<byte[]> metaData = event.serializeMetaData(eventSerializer, byte[].class);
        IsolatedStatement.update(jdbc, viewName, event.getAggregateIdentifier(), """
                insert into regent_held_event (view_name, aggregate_id, sequence_number, expected_sequence, event_id,
                                               aggregate_type, payload_type, payload_revision, payload, meta_data,
                                               event_timestamp)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (view_name, aggregate_id, sequence_number) do nothing
                """, viewName, event.getAggregateIdentifier(), event.getSequenceNumber(), expected,
                event.getIdentifier(), event.getType(), payload.getType().getName(), payload.getType().getRevision(),
                payload.getData(), metaData.getData(), Timestamp.from(event.getTimestamp()));
    }

    private void redeliverHeld(String aggregateId, long sequence) {
        List<DomainEventMessage<?>> held = jdbc.query("""
                delete from regent_held_event where view_name = ? and aggregate_id = ? and sequence_number = ?
                returning aggregate_type, event_id, payload_type, payload_revision, payload, meta_data, event_timestamp
                """, (rs, n) -> {
            Object payload = eventSerializer.deserialize(new SimpleSerializedObject<>(rs.getBytes("payload"),
                    byte[].class, rs.getString("payload_type"), rs.getString("payload_revision")));
            MetaData metaData = eventSerializer.deserialize(new SimpleSerializedObject<>(rs.getBytes("meta_data"),
                    byte[].class, MetaData.class.getName(), null));
            return new GenericDomainEventMessage<>(rs.getString("aggregate_type"), aggregateId, sequence, payload,
                    metaData, rs.getString("event_id"), rs.getTimestamp("event_timestamp").toInstant());
        }, viewName, aggregateId, sequence);
        held.forEach(event -> handOver(atRest.get().opened(event)));
    }

    /** Hands an event to this view's projection, as if its processor delivered it. */
    private void handOver(DomainEventMessage<?> event) {
        if (heldEventHandler == null) {
            throw new IllegalStateException("View " + viewName + " has events to hand over again but no projection "
                    + "to hand them to: call redeliverHeldEventsTo(...)");
        }
        try {
            heldEventHandler.handle(event);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Handing over event " + event.getIdentifier() + " again failed", e);
        }
    }

    private RowMapper<VersionedView<V>> viewRow() {
        return (rs, n) -> new VersionedView<>(rs.getString("aggregate_id"),
                rowJson.read(rs.getString("aggregate_id"), rs.getString("state")),
                rs.getLong("last_sequence") + 1, Region.of(rs.getString("owner_region")), rs.getLong("owner_epoch"),
                rs.getTimestamp("last_event_at").toInstant());
    }

}
