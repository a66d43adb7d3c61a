package dev.regent.insurer;

import dev.regent.insurer.support.RegentClient;
import dev.regent.insurer.support.MirroredTopics;
import dev.regent.insurer.support.ThreeRegions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;

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

/** What reaches another region's Kafka cluster through MirrorMaker 2: the owner's events, with who wrote them. */
class MirroredRecordsIT {

    private final RegentClient api = ThreeRegions.client();

    @Test
    void anEuEventMirroredIntoApacCarriesOriginEpochAndAggregateCoordinates() {
        String id = api.post(US, "/customers", customer("Léa Martin", "FR")).text("customerId");

        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            records.clear();
            records.addAll(MirroredTopics.recordsKeyed(APAC, "regent.eu.to.apac.events", id));
            assertThat(records).hasSize(2);
        });

        Map<String, String> assignment = MirroredTopics.headers(records.get(0));
        assertThat(assignment).containsEntry("axon-message-type",
                "dev.regent.domain.ownership.OwnershipAssignedEvent");
        Map<String, String> registered = MirroredTopics.headers(records.get(1));
        assertThat(registered)
                .containsEntry("axon-message-type", "dev.regent.insurer.identity.CustomerRegisteredEvent")
                .containsEntry("axon-message-aggregate-type", "CustomerIdentity")
                .containsEntry("axon-message-aggregate-id", id)
                .containsEntry("axon-metadata-regent-origin-region", EU)
                .containsEntry("axon-metadata-regent-owner-epoch", "1")
                .containsEntry("axon-metadata-regent-accepted-region", US)
                .containsKeys("axon-message-id", "axon-message-aggregate-seq", "axon-message-timestamp");
        assertThat(MirroredTopics.recordsKeyed(EU, "regent.us.to.eu.events", id))
                .as("nothing of it was published by us").isEmpty();
    }

    /**
     * eu's and apac's topics into us are read by one consumer. Two records with the same timestamp, partition and
     * offset in the two topics are two events: both are applied (Axon's sorted buffer kept only one of them).
     */
    @Test
    void twoRegionsEventsMirroredWithTheSameTimestampAndOffsetAreBothApplied() {
        ConsumerRecord<String, byte[]> euTemplate = registered(EU, api.post(EU, "/customers",
                customer("Modèle Europe", "FR")).text("customerId"));
        ConsumerRecord<String, byte[]> apacTemplate = registered(APAC, api.post(APAC, "/customers",
                customer("Modèle Asie", "SG")).text("customerId"));
        String fromEu = "twin-" + UUID.randomUUID();
        String fromApac = "twin-" + UUID.randomUUID();
        EventProcessor customers = ThreeRegions.region(US).bean(EventProcessingConfiguration.class)
                .eventProcessor("customers").orElseThrow();
        customers.shutDown(); // so that us's consumer fetches both records in one poll when it starts again
        try {
            writeAtTheSameOffset(List.of(euTemplate, apacTemplate), List.of(fromEu, fromApac));
        } finally {
            customers.start();
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(api.get(US, "/customers/" + fromEu).status()).as("eu's").isEqualTo(200);
            assertThat(api.get(US, "/customers/" + fromApac).status()).as("apac's").isEqualTo(200);
        });
        // No owner has these two: left in us's view they would be orphans to the reconciliation tests of this JVM.
        ThreeRegions.database(US).update("delete from regent_view where aggregate_id in (?, ?)", fromEu, fromApac);
    }

    private static ConsumerRecord<String, byte[]> registered(String owner, String customerId) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            records.clear();
            MirroredTopics.recordsKeyed(US, MirroredTopics.topic(owner, US), customerId).stream()
                    .filter(record -> MirroredTopics.headers(record).get("axon-message-type")
                            .endsWith("CustomerRegisteredEvent")).forEach(records::add);
            return !records.isEmpty();
        });
        return records.get(0);
    }

    /**
     * A new registration crafted from each template, written into us's copy of its owner's topic with one timestamp
     * for both; the shorter topic is first padded with copies of its template (duplicates, skipped), so that both
     * land at the same offset. Other traffic may move an offset meanwhile: then it tries again.
     */
    private static void writeAtTheSameOffset(List<ConsumerRecord<String, byte[]>> templates, List<String> ids) {
        for (int attempt = 0; attempt < 5; attempt++) {
            long[] ends = templates.stream().mapToLong(template -> MirroredTopics.endOffsets(US, template.topic())
                    .values().iterator().next()).toArray();
            long target = Math.max(ends[0], ends[1]);
            long timestamp = System.currentTimeMillis();
            List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
            for (int n = 0; n < 2; n++) {
                for (long pad = ends[n]; pad < target; pad++) {
                    records.add(MirroredTopics.at(MirroredTopics.duplicate(templates.get(n)), timestamp - 1));
                }
            }
            for (int n = 0; n < 2; n++) {
                records.add(MirroredTopics.at(MirroredTopics.craft(templates.get(n), ids.get(n), 0, Map.of(),
                        templates.get(n).value()), timestamp));
            }
            List<RecordMetadata> written = MirroredTopics.write(US, records);
            RecordMetadata first = written.get(written.size() - 2);
            RecordMetadata second = written.get(written.size() - 1);
            if (first.offset() == second.offset() && first.timestamp() == second.timestamp()) {
                return;
            }
        }
        throw new IllegalStateException("Could not write both records at the same offset");
    }
}
