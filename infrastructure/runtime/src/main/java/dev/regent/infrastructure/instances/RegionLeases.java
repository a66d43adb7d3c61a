package dev.regent.infrastructure.instances;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Named leases in the region's database, held by one instance at a time. A holder renews its lease before it
 * expires; once expired (its holder died or stopped renewing) any instance takes it. Expiry is judged by the
 * database's clock alone.
 */
public final class RegionLeases {

    private static final Logger log = LoggerFactory.getLogger(RegionLeases.class);

    /**
     * Takes the lease if free or expired, renews it if already ours, and says who holds it now: no row when another
     * instance holds it unexpired.
     */
    private static final String HOLD = """
            insert into regent_lease (name, holder, acquired_at, expires_at)
            values (?, ?, now(), now() + ? * interval '1 millisecond')
            on conflict (name) do update
               set holder = excluded.holder, expires_at = excluded.expires_at,
                   acquired_at = case when regent_lease.holder = excluded.holder
                                      then regent_lease.acquired_at else excluded.acquired_at end
             where regent_lease.holder = excluded.holder or regent_lease.expires_at <= now()
            returning holder""";

    private static final RowMapper<Lease> ROW = (rs, n) -> new Lease(rs.getString("name"),
            new InstanceId(rs.getString("holder")), rs.getTimestamp("acquired_at").toInstant(),
            rs.getTimestamp("expires_at").toInstant());

    private final JdbcTemplate jdbc;
    private final InstanceId me;
    private final Duration defaultTtl;
    /** Leases whose work is running here: renewed by the heartbeat, however long the work takes. */
    private final Map<String, Duration> busy = new ConcurrentHashMap<>();

    RegionLeases(JdbcTemplate jdbc, InstanceId me, Duration defaultTtl) {
        this.jdbc = jdbc;
        this.me = me;
        this.defaultTtl = defaultTtl;
    }

    public InstanceId me() {
        return me;
    }

    /** {@code regent.instances.lease-ttl}: how long a dead holder keeps a lease from the others. */
    public Duration defaultTtl() {
        return defaultTtl;
    }

    /** Takes or renews {@code name} for {@code ttl}; false while another instance holds it unexpired. */
    public boolean tryHold(String name, Duration ttl) {
        List<String> holder = jdbc.queryForList(HOLD, String.class, name, me.value(), ttl.toMillis());
        return !holder.isEmpty();
    }

    /**
     * Runs {@code work} here if this instance holds (or now takes) the lease {@code name}; the lease is kept renewed
     * while the work runs, so that no other instance starts the same work meanwhile.
     *
     * @return whether the work ran here
     */
    public boolean runIfHolder(String name, Duration ttl, Runnable work) {
        if (!tryHold(name, ttl)) {
            return false;
        }
        busy.put(name, ttl);
        try {
            work.run();
            return true;
        } finally {
            busy.remove(name);
        }
    }

    /** Gives {@code name} up at once if this instance holds it: another instance may take it at its next try. */
    public void release(String name) {
        busy.remove(name);
        jdbc.update("delete from regent_lease where name = ? and holder = ?", name, me.value());
    }

    /** Every lease this instance holds, given up (graceful stop). */
    public void releaseAll() {
        busy.clear();
        int released = jdbc.update("delete from regent_lease where holder = ?", me.value());
        if (released > 0) {
            log.info("Instance {} released {} leases", me, released);
        }
    }

    /** The unexpired leases, whoever holds them. */
    public List<Lease> held() {
        return jdbc.query("select name, holder, acquired_at, expires_at from regent_lease where expires_at > now() "
                + "order by name", ROW);
    }

    /** Called by the heartbeat: leases whose work is still running here are renewed; one lost meanwhile is said. */
    void renewBusy() {
        busy.forEach((name, ttl) -> {
            if (!tryHold(name, ttl)) {
                log.warn("Instance {} lost lease {} while its work was running (paused longer than {}?): another "
                        + "instance may run the same work", me, name, ttl);
            }
        });
    }
}
