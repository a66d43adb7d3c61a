package dev.regent.infrastructure.instances;

import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.embedded.EmbeddedPostgresServer;
import dev.regent.infrastructure.residency.ResidencyFixture;
import dev.regent.infrastructure.scheduling.PeriodicTask;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of one region sharing a real PostgreSQL with Regent's schema: membership, leases, and a periodic job
 * done once per region.
 */
class RegionLeasesIT {

    private static final Region EU = Region.of("eu");
    private static final Duration HEARTBEAT = Duration.ofMillis(200);

    @TempDir
    static Path tempDir;

    private static EmbeddedPostgresServer postgres;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void startPostgres() {
        postgres = ResidencyFixture.migratedPostgres("instances", tempDir.resolve("pg"));
        jdbc = new JdbcTemplate(postgres.dataSource());
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    /** One instance of the region's service, as far as coordination goes. */
    private record Instance(RegionLeases leases, RegionInstances membership) {

        static Instance start(Duration leaseTtl) {
            RegionLeases leases = new RegionLeases(jdbc, InstanceId.random(EU), leaseTtl);
            return new Instance(leases, new RegionInstances(jdbc, EU, leases, HEARTBEAT, Duration.ofHours(1)));
        }

        InstanceId id() {
            return leases.me();
        }
    }

    private static String newLease() {
        return "test-" + UUID.randomUUID();
    }

    private static List<InstanceId> holdersOf(String lease) {
        return Instance.start(Duration.ofSeconds(6)).leases().held().stream()
                .filter(held -> held.name().equals(lease)).map(Lease::holder).toList();
    }

    @Test
    void givenTwoInstances_whenBothTryTheSameLease_thenOnlyTheFirstHoldsIt_andKeepsItByRenewing() {
        Instance first = Instance.start(Duration.ofSeconds(6));
        Instance second = Instance.start(Duration.ofSeconds(6));
        String lease = newLease();

        assertThat(first.leases().tryHold(lease, Duration.ofSeconds(30))).isTrue();
        assertThat(second.leases().tryHold(lease, Duration.ofSeconds(30))).isFalse();
        assertThat(first.leases().tryHold(lease, Duration.ofSeconds(30))).as("renewed").isTrue();
        assertThat(second.leases().tryHold(lease, Duration.ofSeconds(30))).isFalse();
        assertThat(holdersOf(lease)).containsExactly(first.id());
    }

    @Test
    void givenAHolderThatStopsRenewing_whenItsTtlHasPassed_thenTheOtherInstanceTakesTheLease() {
        Instance dead = Instance.start(Duration.ofSeconds(6));
        Instance survivor = Instance.start(Duration.ofSeconds(6));
        String lease = newLease();
        assertThat(dead.leases().tryHold(lease, Duration.ofMillis(800))).isTrue();
        assertThat(survivor.leases().tryHold(lease, Duration.ofMillis(800))).isFalse();

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> survivor.leases().tryHold(lease, Duration.ofSeconds(30)));

        assertThat(dead.leases().tryHold(lease, Duration.ofMillis(800))).as("the late holder").isFalse();
        assertThat(holdersOf(lease)).containsExactly(survivor.id());
    }

    @Test
    void givenAHolder_whenItReleasesTheLease_thenTheOtherTakesItAtOnce() {
        Instance holder = Instance.start(Duration.ofSeconds(6));
        Instance other = Instance.start(Duration.ofSeconds(6));
        String lease = newLease();
        holder.leases().tryHold(lease, Duration.ofMinutes(10));

        holder.leases().release(lease);

        assertThat(other.leases().tryHold(lease, Duration.ofMinutes(10))).isTrue();
        assertThat(holdersOf(lease)).containsExactly(other.id());
    }

    @Test
    void givenTwoRunningInstances_thenBothAreLiveWithTheirLeases_andAGracefulStopRemovesTheOneAndFreesItsLeases() {
        Instance leaving = Instance.start(Duration.ofSeconds(6));
        Instance staying = Instance.start(Duration.ofSeconds(6));
        leaving.membership().start();
        staying.membership().start();
        String lease = newLease();
        try {
            leaving.leases().tryHold(lease, Duration.ofMinutes(10));
            await().atMost(Duration.ofSeconds(5)).until(() -> staying.membership().live().stream()
                    .filter(live -> live.heartbeatAt().isAfter(live.startedAt())).count() >= 2);

            Map<InstanceId, List<String>> live = leasesByLiveInstance(staying);
            assertThat(live).containsKeys(leaving.id(), staying.id());
            assertThat(live.get(leaving.id())).containsExactly(lease);
            assertThat(live.get(staying.id())).isEmpty();

            leaving.membership().stop();

            assertThat(leasesByLiveInstance(staying)).containsKey(staying.id()).doesNotContainKey(leaving.id());
            assertThat(staying.leases().tryHold(lease, Duration.ofMinutes(10))).as("freed at once").isTrue();
        } finally {
            leaving.membership().stop();
            staying.membership().stop();
        }
    }

    @Test
    void givenAnInstanceThatDiedWithoutStopping_thenItIsNotLive_andItsRowIsForgottenLater() {
        Instance running = Instance.start(Duration.ofSeconds(6));
        RegionInstances forgetful = new RegionInstances(jdbc, EU, running.leases(), HEARTBEAT, Duration.ofSeconds(30));
        jdbc.update("insert into regent_instance (instance_id, region, started_at, heartbeat_at) values "
                + "('eu-silent01', 'eu', now() - interval '1 minute', now() - interval '10 seconds'), "
                + "('eu-gone0001', 'eu', now() - interval '2 hours', now() - interval '1 hour')");
        forgetful.start();
        try {
            assertThat(leasesByLiveInstance(running)).containsKey(running.id())
                    .doesNotContainKeys(new InstanceId("eu-silent01"), new InstanceId("eu-gone0001"));

            await().atMost(Duration.ofSeconds(5)).until(() -> rowExists("eu-gone0001") == 0);
            assertThat(rowExists("eu-silent01")).as("dead for less than forget-after: kept").isEqualTo(1);
        } finally {
            forgetful.stop();
        }
    }

    @Test
    void givenTwoInstancesRunningTheSameOncePerRegionJob_thenOneRunsItAtATime_andTheOtherTakesOverWhenItStops() {
        Instance first = Instance.start(Duration.ofMillis(600));
        Instance second = Instance.start(Duration.ofMillis(600));
        String what = "Test job " + UUID.randomUUID();
        Map<InstanceId, AtomicInteger> runs = new ConcurrentHashMap<>();
        Map<InstanceId, AtomicInteger> localRuns = new ConcurrentHashMap<>();
        AtomicInteger running = new AtomicInteger();
        AtomicBoolean overlapped = new AtomicBoolean();
        PeriodicTask firstTask = periodicTask(first, what, runs, localRuns, running, overlapped);
        PeriodicTask secondTask = periodicTask(second, what, runs, localRuns, running, overlapped);
        firstTask.start();
        secondTask.start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> runs.values().stream().mapToInt(AtomicInteger::get)
                    .sum() >= 10);
            assertThat(runs).as("ran on one instance only").hasSize(1);
            InstanceId holder = runs.keySet().iterator().next();
            Instance other = holder.equals(first.id()) ? second : first;
            assertThat(localRuns).as("work of each instance ran on both").containsKeys(first.id(), second.id());

            (holder.equals(first.id()) ? firstTask : secondTask).stop();

            await().atMost(Duration.ofSeconds(2)).until(() -> runs.containsKey(other.id())
                    && runs.get(other.id()).get() >= 3);
            assertThat(overlapped).as("never on both at the same time").isFalse();
        } finally {
            firstTask.stop();
            secondTask.stop();
        }
    }

    private static PeriodicTask periodicTask(Instance instance, String what, Map<InstanceId, AtomicInteger> runs,
                                             Map<InstanceId, AtomicInteger> localRuns, AtomicInteger running,
                                             AtomicBoolean overlapped) {
        Runnable once = () -> {
            if (running.incrementAndGet() > 1) {
                overlapped.set(true);
            }
            try {
                runs.computeIfAbsent(instance.id(), id -> new AtomicInteger()).incrementAndGet();
            } finally {
                running.decrementAndGet();
            }
        };
        return new PeriodicTask("test-" + instance.id(), List.of(
                PeriodicTask.Job.oncePerRegion(what, Duration.ofMillis(50), once),
                PeriodicTask.Job.everyInstance(what + " here", Duration.ofMillis(50),
                        () -> localRuns.computeIfAbsent(instance.id(), id -> new AtomicInteger()).incrementAndGet())),
                instance.leases());
    }

    private static Map<InstanceId, List<String>> leasesByLiveInstance(Instance asking) {
        Map<InstanceId, List<String>> live = new ConcurrentHashMap<>();
        asking.membership().live().forEach(instance -> live.put(instance.id(), instance.leases()));
        return live;
    }

    private static int rowExists(String instanceId) {
        return jdbc.queryForObject("select count(*) from regent_instance where instance_id = ?", Integer.class,
                instanceId);
    }
}
