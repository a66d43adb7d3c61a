package dev.regent.infrastructure.instances;

import dev.regent.domain.ownership.Region;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * This instance's row among the region's instances: written at start, its heartbeat renewed every interval (and with
 * it the leases whose work is running here), removed with this instance's leases on a graceful stop. An instance
 * whose heartbeat is older than three intervals is not live; its row is deleted once older than
 * {@code forgetAfter}. Starts before and stops after the periodic tasks, whose once-per-region work needs leases.
 */
public final class RegionInstances implements SmartLifecycle {

    /** Below {@link SmartLifecycle#DEFAULT_PHASE}, the periodic tasks' phase: up before them, down after them. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;
    static final int LIVE_AFTER_MISSED_HEARTBEATS = 3;

    private static final Logger log = LoggerFactory.getLogger(RegionInstances.class);

    private final JdbcTemplate jdbc;
    private final Region region;
    private final RegionLeases leases;
    private final Duration heartbeat;
    private final Duration forgetAfter;
    private volatile URI publicUrl;
    private volatile URI peerUrl;
    private ScheduledExecutorService scheduler;

    RegionInstances(JdbcTemplate jdbc, Region region, RegionLeases leases, Duration heartbeat, Duration forgetAfter) {
        this.jdbc = jdbc;
        this.region = region;
        this.leases = leases;
        this.heartbeat = heartbeat;
        this.forgetAfter = forgetAfter;
    }

    public InstanceId me() {
        return leases.me();
    }

    /** Where this instance is reached, once known (its listeners are up, or configured). */
    public void announce(URI publicUrl, URI peerUrl) {
        this.publicUrl = publicUrl;
        this.peerUrl = peerUrl;
        if (isRunning()) {
            register();
        }
    }

    /** The live instances of this region, oldest first, each with the unexpired leases it holds. */
    public List<LiveInstance> live() {
        Map<InstanceId, List<String>> leasesOf = leases.held().stream().collect(Collectors.groupingBy(Lease::holder,
                Collectors.mapping(Lease::name, Collectors.toList())));
        return jdbc.query("""
                select instance_id, region, public_url, peer_url, started_at, heartbeat_at from regent_instance
                 where region = ? and heartbeat_at > now() - ? * interval '1 millisecond'
                 order by started_at, instance_id""", (rs, n) -> {
            InstanceId id = new InstanceId(rs.getString("instance_id"));
            return new LiveInstance(id, rs.getString("region"), rs.getString("public_url"), rs.getString("peer_url"),
                    rs.getTimestamp("started_at").toInstant(), rs.getTimestamp("heartbeat_at").toInstant(),
                    leasesOf.getOrDefault(id, List.of()));
        }, region.name(), heartbeat.multipliedBy(LIVE_AFTER_MISSED_HEARTBEATS).toMillis());
    }

    @Override
    public synchronized void start() {
        register();
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "regent-instance-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long millis = heartbeat.toMillis();
        scheduler.scheduleWithFixedDelay(this::beat, millis, millis, TimeUnit.MILLISECONDS);
        log.info("Instance {} of region {} started (heartbeat every {})", me(), region, heartbeat);
    }

    @Override
    public synchronized void stop() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdownNow();
        scheduler = null;
        try {
            leases.releaseAll();
            jdbc.update("delete from regent_instance where instance_id = ?", me().value());
            log.info("Instance {} of region {} left", me(), region);
        } catch (RuntimeException e) {
            log.warn("Instance {} could not say it left ({}): its leases expire by themselves", me(), e.toString());
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    private void beat() {
        try {
            if (jdbc.update("update regent_instance set heartbeat_at = now() where instance_id = ?", me().value())
                    == 0) {
                register();
            }
            leases.renewBusy();
            jdbc.update("delete from regent_instance where heartbeat_at < now() - ? * interval '1 millisecond'",
                    forgetAfter.toMillis());
        } catch (RuntimeException e) {
            log.warn("Instance {} missed a heartbeat: {}", me(), e.toString());
        }
    }

    /** Inserted, or written again when pruned while this instance was paused. */
    private void register() {
        jdbc.update("""
                insert into regent_instance (instance_id, region, public_url, peer_url, started_at, heartbeat_at)
                values (?, ?, ?, ?, now(), now())
                on conflict (instance_id) do update
                   set public_url = excluded.public_url, peer_url = excluded.peer_url, heartbeat_at = now()""",
                me().value(), region.name(), text(publicUrl), text(peerUrl));
    }

    private static String text(URI url) {
        return url == null ? null : url.toString();
    }
}
