package dev.regent.application;

import dev.regent.application.support.RegentClient;
import dev.regent.application.support.ThreeRegions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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
            records.addAll(recordsKeyed(APAC, "regent.eu.to.apac.events", id));
            assertThat(records).hasSize(2);
        });

        Map<String, String> assignment = headers(records.get(0));
        assertThat(assignment).containsEntry("axon-message-type",
                "dev.regent.domain.ownership.OwnershipAssignedEvent");
        Map<String, String> registered = headers(records.get(1));
        assertThat(registered)
                .containsEntry("axon-message-type", "dev.regent.domain.identity.CustomerRegisteredEvent")
                .containsEntry("axon-message-aggregate-type", "CustomerIdentity")
                .containsEntry("axon-message-aggregate-id", id)
                .containsEntry("axon-metadata-regent-origin-region", EU)
                .containsEntry("axon-metadata-regent-owner-epoch", "1")
                .containsEntry("axon-metadata-regent-accepted-region", US)
                .containsKeys("axon-message-id", "axon-message-aggregate-seq", "axon-message-timestamp");
        assertThat(recordsKeyed(EU, "regent.us.to.eu.events", id)).as("nothing of it was published by us").isEmpty();
    }

    private static List<ConsumerRecord<String, byte[]>> recordsKeyed(String region, String topic, String key) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ThreeRegions.region(region).broker().bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<ConsumerRecord<String, byte[]>> matching = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (key.equals(record.key())) {
                        matching.add(record);
                    }
                });
            }
        }
        return matching;
    }

    private static Map<String, String> headers(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null
                    : new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }
}
