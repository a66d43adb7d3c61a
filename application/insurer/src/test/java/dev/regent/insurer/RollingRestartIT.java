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
