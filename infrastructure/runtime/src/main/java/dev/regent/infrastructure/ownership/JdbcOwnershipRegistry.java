package dev.regent.infrastructure.ownership;

import dev.regent.domain.ownership.Ownership;
import dev.regent.domain.ownership.OwnershipChange;
import dev.regent.domain.ownership.OwnershipRegistry;
import dev.regent.domain.ownership.Region;
import dev.regent.domain.ownership.UnresolvableOwnershipException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The registry in this region's database. Statements join the caller's transaction (Spring-managed), which is what
 * makes an assignment atomic with the aggregate's first event, and an append atomic with its ownership check.
 */
public class JdbcOwnershipRegistry implements OwnershipRegistry {

    private static final String COLUMNS = "aggregate_id, aggregate_type, owner_region, epoch, rule";
    private static final RowMapper<Ownership> OWNERSHIP = (rs, row) -> new Ownership(rs.getString("aggregate_id"),
            rs.getString("aggregate_type"), Region.of(rs.getString("owner_region")), rs.getLong("epoch"),
            rs.getString("rule"));

    private final JdbcTemplate jdbc;
    private final Consumer<String> onOwnershipChange;
    private final BiConsumer<String, Long> onStoredSequence;

    public JdbcOwnershipRegistry(JdbcTemplate jdbc) {
        this(jdbc, aggregateId -> { });
    }

    /** @param onOwnershipChange told of each aggregate whose ownership this region records a change of */
    public JdbcOwnershipRegistry(JdbcTemplate jdbc, Consumer<String> onOwnershipChange) {
        this(jdbc, onOwnershipChange, (aggregateId, lastSequence) -> { });
    }

    /**
     * @param onStoredSequence told, as a command's check reads its aggregate's ownership, the last sequence the store
     *                         holds for it (null before its first event): what a cached instance must be at
     */
    public JdbcOwnershipRegistry(JdbcTemplate jdbc, Consumer<String> onOwnershipChange,
                                 BiConsumer<String, Long> onStoredSequence) {
        this.jdbc = jdbc;
        this.onOwnershipChange = onOwnershipChange;
        this.onStoredSequence = onStoredSequence;
    }

    @Override
    public Optional<Ownership> find(String aggregateId) {
        return jdbc.query("select " + COLUMNS + " from regent_ownership where aggregate_id = ?", OWNERSHIP, aggregateId)
                .stream().findFirst();
    }

    /**
     * Reads the ownership of the given aggregates and share-locks the rows until the transaction ends, so that no
     * transfer can commit between an append's check and its commit. Rows this transaction has already locked (a
     * command's ownership check, {@link #lockForCommand}) or written are not read again: the lock it holds keeps
     * them as they were read.
     */
    public Map<String, Ownership> lockForAppend(Collection<String> aggregateIds) {
        Map<String, Ownership> byId = new LinkedHashMap<>();
        if (aggregateIds.isEmpty()) {
            return byId;
        }
        Map<String, Ownership> locked = lockedInThisTransaction();
        List<String> toLock = locked == null ? List.copyOf(aggregateIds)
                : aggregateIds.stream().filter(id -> !locked.containsKey(id)).toList();
        if (!toLock.isEmpty()) {
            jdbc.query(con -> {
                var statement = con.prepareStatement(
                        "select " + COLUMNS + " from regent_ownership where aggregate_id = any(?) for share");
                statement.setArray(1, con.createArrayOf("varchar", toLock.toArray()));
                return statement;
            }, OWNERSHIP).forEach(ownership -> {
                byId.put(ownership.aggregateId(), ownership);
                remember(locked, ownership);
            });
        }
        if (locked != null) {
            aggregateIds.stream().filter(locked::containsKey).forEach(id -> byId.put(id, locked.get(id)));
        }
        return byId;
    }

    /**
     * A command's ownership check, where it is handled: reads the aggregate's ownership and locks the row until the
     * transaction ends ({@code for share}, or {@code for update} when {@code exclusive}), so that the same read is
     * the append's fence ({@link #lockForAppend} does not read it again) and no transfer can commit in between.
     */
    public Optional<Ownership> lockForCommand(String aggregateId, boolean exclusive) {
        // The store's last sequence comes with it, in the same statement: another instance of this region may have
        // appended since this one cached the aggregate.
        Optional<Ownership> ownership = jdbc.query("select " + COLUMNS + ", (select max(sequence_number) from "
                + "domain_event_entry where aggregate_identifier = regent_ownership.aggregate_id) as last_sequence "
                + "from regent_ownership where aggregate_id = ? " + (exclusive ? "for update" : "for share"),
                (rs, row) -> {
                    long last = rs.getLong("last_sequence");
                    onStoredSequence.accept(aggregateId, rs.wasNull() ? null : last);
                    return OWNERSHIP.mapRow(rs, row);
                }, aggregateId).stream().findFirst();
        Map<String, Ownership> locked = lockedInThisTransaction();
        ownership.ifPresent(found -> remember(locked, found));
        return ownership;
    }

    private static void remember(Map<String, Ownership> locked, Ownership ownership) {
        if (locked != null) {
            locked.put(ownership.aggregateId(), ownership);
        }
    }

    /**
     * Rows share- or update-locked by the current transaction, as read; null outside a transaction. Kept with the
     * transaction's connection, so that a transaction started inside another (REQUIRES_NEW) does not take the
     * outer one's locks for its own.
     */
    private Map<String, Ownership> lockedInThisTransaction() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isActualTransactionActive()) {
            return null;
        }
        Object connection = TransactionSynchronizationManager.getResource(jdbc.getDataSource());
        if (connection == null) {
            return null;
        }
        if (TransactionSynchronizationManager.getResource(this) instanceof LockedRows rows
                && rows.connection() == connection) {
            return rows.byId();
        }
        TransactionSynchronizationManager.unbindResourceIfPossible(this);
        LockedRows rows = new LockedRows(connection, new HashMap<>());
        TransactionSynchronizationManager.bindResource(this, rows);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (TransactionSynchronizationManager.getResource(JdbcOwnershipRegistry.this) == rows) {
                    TransactionSynchronizationManager.unbindResource(JdbcOwnershipRegistry.this);
                }
            }
        });
        return rows.byId();
    }

    private record LockedRows(Object connection, Map<String, Ownership> byId) {
    }

    /** This transaction changed the row: the next fence reads (and locks) it again. */
    private void forget(String aggregateId) {
        Map<String, Ownership> locked = lockedInThisTransaction();
        if (locked != null) {
            locked.remove(aggregateId);
        }
    }

    /**
     * Records this region's ownership of a new aggregate.
     *
     * @throws org.springframework.dao.DuplicateKeyException when the id is already owned by anyone
     */
    public void assign(Ownership ownership, Instant assignedAt) {
        forget(ownership.aggregateId());
        jdbc.update("insert into regent_ownership (" + COLUMNS + ", assigned_at) values (?, ?, ?, ?, ?, ?)",
                ownership.aggregateId(), ownership.aggregateType(), ownership.owner().name(), ownership.epoch(),
                ownership.rule(), Timestamp.from(assignedAt));
        recordHistory(ownership, OwnershipChange.Kind.ASSIGNED, OwnershipChange.Why.NOTHING, assignedAt);
        remember(lockedInThisTransaction(), ownership); // a row this transaction inserted is locked until it ends
    }

    /**
     * At the owner: hands the aggregate to {@code to} under the next epoch. Locks the row, so in-flight appends (which
     * share-lock it) finish first and later ones are refused. Releasing again to the same region changes nothing.
     *
     * @return the new ownership
     * @throws IllegalStateException when this region is neither the owner nor already released to {@code to}
     */
    public Ownership release(String aggregateId, Region local, Region to, OwnershipChange.Why why, Instant at) {
        forget(aggregateId);
        Ownership current = jdbc.query("select " + COLUMNS + " from regent_ownership where aggregate_id = ? "
                + "for update", OWNERSHIP, aggregateId).stream().findFirst()
                .orElseThrow(() -> new UnresolvableOwnershipException(aggregateId));
        if (current.isOwnedBy(to)) {
            return current;
        }
        if (!current.isOwnedBy(local)) {
            throw new IllegalStateException(aggregateId + " is owned by " + current.owner() + " (epoch "
                    + current.epoch() + "), not by " + local + ": only its owner can release it");
        }
        Ownership next = new Ownership(aggregateId, current.aggregateType(), to, current.epoch() + 1, current.rule());
        jdbc.update("update regent_ownership set owner_region = ?, epoch = ?, assigned_at = ?, recorded_at = now() "
                + "where aggregate_id = ?", to.name(), next.epoch(), Timestamp.from(at), aggregateId);
        recordHistory(next, OwnershipChange.Kind.TRANSFERRED, why, at);
        onOwnershipChange.accept(aggregateId);
        return next;
    }

    /**
     * At a former owner whose handover under {@code releasedEpoch} was never completed: takes the aggregate back under
     * the next epoch. Does nothing when ownership has moved past that epoch meanwhile (the handover did complete).
     *
     * @return the ownership taken back, or empty when there was nothing to take back
     */
    public Optional<Ownership> reclaim(String aggregateId, Region local, long releasedEpoch, String reason,
                                       Instant at) {
        forget(aggregateId);
        Optional<Ownership> current = jdbc.query("select " + COLUMNS + " from regent_ownership where aggregate_id = ? "
                + "for update", OWNERSHIP, aggregateId).stream().findFirst()
                .filter(known -> known.epoch() == releasedEpoch && !known.isOwnedBy(local));
        return current.map(released -> {
            Ownership back = new Ownership(aggregateId, released.aggregateType(), local, releasedEpoch + 1,
                    released.rule());
            jdbc.update("update regent_ownership set owner_region = ?, epoch = ?, assigned_at = ?, "
                    + "recorded_at = now() where aggregate_id = ?", local.name(), back.epoch(), Timestamp.from(at),
                    aggregateId);
            recordHistory(back, OwnershipChange.Kind.RECLAIMED, new OwnershipChange.Why(reason, local.name(), null),
                    at);
            onOwnershipChange.accept(aggregateId);
            return back;
        });
    }

    /**
     * Records a transfer (taken over here, or learnt from another region). Only ever moves to a higher epoch.
     *
     * @return the ownership this region knew before
     */
    public Optional<Ownership> recordTransfer(Ownership next, OwnershipChange.Why why, Instant at) {
        forget(next.aggregateId());
        Optional<Ownership> before = jdbc.query("select " + COLUMNS + " from regent_ownership where aggregate_id = ? "
                + "for update", OWNERSHIP, next.aggregateId()).stream().findFirst();
        recordHistory(next, OwnershipChange.Kind.TRANSFERRED, why, at);
        recordIfNewerEpoch(next, at);
        onOwnershipChange.accept(next.aggregateId());
        return before;
    }

    /** The aggregates {@code owner} owns, as far as this region knows; all types when {@code aggregateType} is null. */
    public List<String> ownedBy(Region owner, String aggregateType) {
        return aggregateType == null
                ? jdbc.queryForList("select aggregate_id from regent_ownership where owner_region = ? "
                + "order by aggregate_id", String.class, owner.name())
                : jdbc.queryForList("select aggregate_id from regent_ownership where owner_region = ? "
                + "and aggregate_type = ? order by aggregate_id", String.class, owner.name(), aggregateType);
    }

    @Override
    public List<OwnershipChange> history(String aggregateId) {
        return jdbc.query("select * from regent_ownership_history where aggregate_id = ? order by epoch",
                (rs, n) -> new OwnershipChange(rs.getString("aggregate_id"), rs.getLong("epoch"),
                        Region.of(rs.getString("owner_region")), rs.getString("rule"),
                        OwnershipChange.Kind.valueOf(rs.getString("kind")), rs.getString("reason"),
                        rs.getString("requested_by"), rs.getString("legal_basis"), rs.getTimestamp("at").toInstant()),
                aggregateId);
    }

    private void recordHistory(Ownership ownership, OwnershipChange.Kind kind, OwnershipChange.Why why, Instant at) {
        jdbc.update("""
                insert into regent_ownership_history (aggregate_id, epoch, owner_region, rule, kind, reason,
                                                      requested_by, legal_basis, at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (aggregate_id, epoch) do nothing
                """, ownership.aggregateId(), ownership.epoch(), ownership.owner().name(), ownership.rule(),
                kind.name(), why.reason(), why.requestedBy(), why.legalBasis(), Timestamp.from(at));
    }

    /**
     * Records an assignment learnt from another region. Idempotent, and only ever moves an entry to a higher epoch, so
     * redelivered or reordered facts cannot roll ownership back.
     *
     * @return true when the registry changed
     */
    public boolean recordReplicated(Ownership ownership, Instant assignedAt) {
        forget(ownership.aggregateId());
        recordHistory(ownership, ownership.epoch() == Ownership.FIRST_EPOCH ? OwnershipChange.Kind.ASSIGNED
                : OwnershipChange.Kind.TRANSFERRED, OwnershipChange.Why.NOTHING, assignedAt);
        boolean changed = recordIfNewerEpoch(ownership, assignedAt);
        if (changed) {
            onOwnershipChange.accept(ownership.aggregateId());
        }
        return changed;
    }

    /** Writes {@code ownership} unless this region already knows the same or a later epoch: never rolls back. */
    private boolean recordIfNewerEpoch(Ownership ownership, Instant at) {
        return jdbc.update("""
                insert into regent_ownership (aggregate_id, aggregate_type, owner_region, epoch, rule, assigned_at)
                values (?, ?, ?, ?, ?, ?)
                on conflict (aggregate_id) do update
                   set owner_region = excluded.owner_region, epoch = excluded.epoch, rule = excluded.rule,
                       assigned_at = excluded.assigned_at, recorded_at = now()
                 where regent_ownership.epoch < excluded.epoch
                """, ownership.aggregateId(), ownership.aggregateType(), ownership.owner().name(),
                ownership.epoch(), ownership.rule(), Timestamp.from(at)) > 0;
    }
}
