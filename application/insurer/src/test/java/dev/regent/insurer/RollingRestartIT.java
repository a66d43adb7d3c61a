package dev.regent.insurer;

import dev.regent.insurer.support.RegentClient;
import dev.regent.insurer.support.RegentClient.Answer;
import dev.regent.insurer.support.ThreeRegions;
import dev.regent.lab.LocalInstance;
import dev.regent.lab.LocalRegion;
import dev.regent.lab.LocalTopology;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static dev.regent.insurer.support.InsurerFixture.customer;
import static dev.regent.insurer.support.ThreeRegions.EU;
import static dev.regent.insurer.support.ThreeRegions.US;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Peers see a region, not an instance: with eu at two instances (a topology of its own, closed at the end), a rolling
 * restart of eu — one instance stopped gracefully, started again, then the other — leaves every command routed from
 * us answered by the instance still there, never queued, captured or refused as if eu were out.
 */
class RollingRestartIT {

    private static LocalTopology topology;
    private static RegentClient api;

    @BeforeAll
    static void start() {
        // What is shown is who answers, not how fast: a slow first answer on a busy machine is waited for.
        topology = ThreeRegions.start(Map.of(EU, 2), Map.of("regent.routing.pending-after", "10s"));
        api = ThreeRegions.client(topology);
    }

    @AfterAll
    static void stop() {
        if (topology != null) {
            topology.close();
        }
    }

    @Test
    void givenEuAtTwoInstances_whenARollingRestart_thenCommandsRoutedFromUsAreAnsweredByTheOtherInstance() {
        LocalRegion eu = topology.region(EU);
        Answer registered = api.post(US, "/customers", customer("Inès Moreau", "FR"));
        assertThat(registered.status()).as("routed to eu and created there").isEqualTo(201);
        String id = registered.text("customerId");

        for (LocalInstance restarted : eu.instances()) {
            restarted.stopService();
            try {
                assertThat(eu.isServiceRunning()).as("the other instance still serves eu").isTrue();
                Answer changed = api.put(US, "/customers/" + id + "/contact",
                        Map.of("email", restarted.name() + "@example.fr"));

                assertThat(changed.status()).as("answered by the other instance while " + restarted.name()
                        + " is stopped, not captured (202) nor refused (503): " + changed.body()).isEqualTo(200);
                assertThat(api.post(US, "/customers", customer("Noé " + restarted.number(), "FR")).status())
                        .as("a registration (REJECT when eu is out) is applied too").isEqualTo(201);
            } finally {
                restarted.startService();
            }
        }

        assertThat(api.put(US, "/customers/" + id + "/contact", Map.of("email", "after@example.fr")).status())
                .isEqualTo(200);
        assertThat(eventsIn(id)).as("registered, and three contact changes, each once").isEqualTo(4);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(api.get(EU, "/customers/" + id).body().get("version").asLong()).isEqualTo(4);
            assertThat(api.get(US, "/customers/" + id).body().get("version").asLong()).isEqualTo(4);
        });
        assertThat(kept("regent_deferred_command")).as("nothing queued or captured in us").isZero();
    }

    @Test
    void givenEuAtTwoInstances_whenOneIsKilled_thenTheOtherClaimsEverySegmentWithinSeconds_andServesWhatWasItsWork() {
        LocalRegion eu = topology.region(EU);
        JdbcTemplate database = new JdbcTemplate(eu.database().dataSource());
        await().atMost(Duration.ofSeconds(30)).until(() -> claimsBy(database, null) == 0);
        assertThat(segments(database)).as("each processor split in two").isEqualTo(2 * processors(database));
        // The instance holding the most of the work dies.
        boolean firstHoldsMore = claimsBy(database, eu.instance(1).name()) >= claimsBy(database, eu.instance(2).name());
        LocalInstance killed = eu.instance(firstHoldsMore ? 1 : 2);
        LocalInstance survivor = eu.instance(firstHoldsMore ? 2 : 1);
        assertThat(claimsBy(database, killed.name())).isPositive();

        Instant killedAt = Instant.now();
        killed.kill();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> claimsBy(database, survivor.name())
                    == segments(database));
            System.out.printf("=== eu-1 killed: every segment of eu's %d processors claimed by eu-2 in %.1f s ===%n",
                    processors(database), Duration.between(killedAt, Instant.now()).toMillis() / 1000.0);

            Answer registered = api.post(US, "/customers", customer("Killian Survivor", "FR"));
            assertThat(registered.status()).as("routed to eu, answered by eu-2: " + registered.body())
                    .isEqualTo(201);
            String id = registered.text("customerId");
            // eu's read model is kept by eu-2 alone now (the test client reaches eu at its first instance).
            await().atMost(Duration.ofSeconds(15)).until(() -> viewRows(database, id) == 1
                    && api.get(US, "/customers/" + id).status() == 200);
        } finally {
            killed.startService();
        }
        assertThat(kept("regent_deferred_command")).as("nothing queued or captured in us").isZero();
    }

    /** Segments claimed by {@code owner}; with null, segments claimed by nobody. */
    private static long claimsBy(JdbcTemplate database, String owner) {
        Long count = owner == null
                ? database.queryForObject("select count(*) from token_entry where owner is null", Long.class)
                : database.queryForObject("select count(*) from token_entry where owner = ?", Long.class, owner);
        return count == null ? 0 : count;
    }

    private static long viewRows(JdbcTemplate database, String aggregateId) {
        Long count = database.queryForObject("select count(*) from regent_view where view_name = 'customers' "
                + "and aggregate_id = ?", Long.class, aggregateId);
        return count == null ? 0 : count;
    }

    private static long segments(JdbcTemplate database) {
        Long count = database.queryForObject("select count(*) from token_entry", Long.class);
        return count == null ? 0 : count;
    }

    private static long processors(JdbcTemplate database) {
        Long count = database.queryForObject("select count(distinct processor_name) from token_entry", Long.class);
        return count == null ? 0 : count;
    }

    private static long eventsIn(String aggregateId) {
        Long count = new JdbcTemplate(topology.region(EU).database().dataSource()).queryForObject(
                "select count(*) from domain_event_entry where aggregate_identifier = ?", Long.class, aggregateId);
        return count == null ? 0 : count;
    }

    private static long kept(String table) {
        Long count = new JdbcTemplate(topology.region(US).database().dataSource()).queryForObject(
                "select count(*) from " + table, Long.class);
        return count == null ? 0 : count;
    }
}
