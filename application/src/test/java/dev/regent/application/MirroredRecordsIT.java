package dev.regent.application;

import dev.regent.application.support.RegentClient;
import dev.regent.application.support.MirroredTopics;
import dev.regent.application.support.ThreeRegions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.regent.application.support.InsurerFixture.customer;
import static dev.regent.application.support.ThreeRegions.APAC;
import static dev.regent.application.support.ThreeRegions.EU;
import static dev.regent.application.support.ThreeRegions.US;
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
                .containsEntry("axon-message-type", "dev.regent.domain.identity.CustomerRegisteredEvent")
                .containsEntry("axon-message-aggregate-type", "CustomerIdentity")
                .containsEntry("axon-message-aggregate-id", id)
                .containsEntry("axon-metadata-regent-origin-region", EU)
                .containsEntry("axon-metadata-regent-owner-epoch", "1")
                .containsEntry("axon-metadata-regent-accepted-region", US)
                .containsKeys("axon-message-id", "axon-message-aggregate-seq", "axon-message-timestamp");
        assertThat(MirroredTopics.recordsKeyed(EU, "regent.us.to.eu.events", id))
                .as("nothing of it was published by us").isEmpty();
    }
}
