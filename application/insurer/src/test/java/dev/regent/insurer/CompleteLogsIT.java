package dev.regent.insurer;

import dev.regent.insurer.support.BrokerLogs;
import dev.regent.insurer.support.MirroredTopics;
import dev.regent.insurer.support.RegentClient;
import dev.regent.insurer.support.ThreeRegions;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.regent.insurer.support.InsurerFixture.customer;
import static dev.regent.insurer.support.ThreeRegions.APAC;
import static dev.regent.insurer.support.ThreeRegions.EU;
import static dev.regent.insurer.support.ThreeRegions.US;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Regent's topics keep every event, whatever the brokers' default retention: a region that does not own an aggregate
 * rebuilds it from the mirrored topic alone, years later included.
 */
class CompleteLogsIT {

    private static final Logger log = LoggerFactory.getLogger(CompleteLogsIT.class);

    private static final int CUSTOMERS = 20;
    /** Registered, then two contact changes: version 3, last sequence 2. */
    private static final int VERSION = 3;
    /**
     * Every topic without its own retention loses a record a second after it was written. No smaller segments are
     * needed: when every segment of a log is past its retention, the broker rolls the active one and deletes it too.
     */
    private static final Map<String, String> TINY_DEFAULT_RETENTION = Map.of("log.retention.ms", "1000");

    private final RegentClient api = ThreeRegions.client();

    @Test
    void givenATinyDefaultRetention_whenTheBrokersRetentionCheckerHasRun_thenANonOwnerRebuildStillSeesEveryEvent()
            throws Exception {
        String euToUs = MirroredTopics.topic(EU, US);
        try (AutoCloseable tiny = BrokerLogs.clusterDefaults(List.of(EU, US, APAC), TINY_DEFAULT_RETENTION)) {
            BrokerLogs.Size egressBefore = BrokerLogs.size(EU, euToUs);
            BrokerLogs.Size mirroredBefore = BrokerLogs.size(US, euToUs);
            // Not 0 if another test of this JVM deleted records on purpose (ReconciliationIT): it must not move.
            long egressStart = BrokerLogs.logStartOffset(EU, euToUs);
            long mirroredStart = BrokerLogs.logStartOffset(US, euToUs);
            List<String> ids = customersOwnedByEu();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(versionsIn(US, ids))
                    .as("us's replicas of eu's customers").containsOnly(VERSION).hasSize(CUSTOMERS));
            report(BrokerLogs.size(EU, euToUs).minus(egressBefore), "eu's egress topic " + euToUs);
            report(BrokerLogs.size(US, euToUs).minus(mirroredBefore), "us's mirrored copy of " + euToUs);

            // A topic as Kafka makes it by default: once its record is gone, the checker has run past our events too.
            String control = "retention-control-" + UUID.randomUUID();
            BrokerLogs.createPlainTopic(US, control);
            MirroredTopics.write(US, List.of(new ProducerRecord<>(control, "k",
                    new byte[]{1})));
            await().atMost(Duration.ofSeconds(60)).until(() -> BrokerLogs.logStartOffset(US, control) == 1);

            assertThat(BrokerLogs.logStartOffset(EU, euToUs)).as("first offset of eu's egress topic")
                    .isEqualTo(egressStart);
            assertThat(BrokerLogs.logStartOffset(US, euToUs)).as("first offset of us's mirrored copy")
                    .isEqualTo(mirroredStart);

            assertThat(api.post(US, "/projections/customers/rebuild", Map.of()).status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(versionsIn(US, ids))
                    .as("us's replicas of eu's customers, rebuilt from the mirrored topic")
                    .containsOnly(VERSION).hasSize(CUSTOMERS));
            for (String id : ids) {
                RegentClient.Answer read = api.get(US, "/customers/" + id);
                assertThat(read.status()).as(id).isEqualTo(200);
                assertThat(read.body().get("version").asLong()).as(id).isEqualTo(VERSION);
                assertThat(read.text("ownerRegion")).as(id).isEqualTo(EU);
            }
        }
    }

    /** Written through eu's API, as a clerk would: each customer registered and her contact changed twice. */
    private List<String> customersOwnedByEu() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            String id = api.post(EU, "/customers", customer("Complete Log " + i, "FR")).text("customerId");
            for (int change = 1; change < VERSION; change++) {
                assertThat(api.put(EU, "/customers/" + id + "/contact",
                        Map.of("email", "log" + i + "." + change + "@example.fr")).status()).isEqualTo(200);
            }
            ids.add(id);
        }
        return ids;
    }

    /** The version of each of {@code ids}' rows in {@code region}'s customers view (a row per aggregate present). */
    private static List<Integer> versionsIn(String region, List<String> ids) {
        return ThreeRegions.database(region).queryForList("select last_sequence + 1 from regent_view "
                        + "where view_name = 'customers' and owner_region = 'eu' and aggregate_id = any (?)",
                Integer.class, (Object) ids.toArray(String[]::new));
    }

    private static void report(BrokerLogs.Size grown, String topic) {
        log.info("{} grew by {} records, {} bytes: {} bytes per event", topic, grown.records(), grown.bytes(),
                grown.records() == 0 ? "n/a" : grown.bytes() / grown.records());
    }
}
