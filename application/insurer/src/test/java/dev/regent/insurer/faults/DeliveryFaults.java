package dev.regent.insurer.faults;

import dev.regent.insurer.support.MirroredTopics;
import dev.regent.insurer.support.ThreeRegions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static dev.regent.insurer.support.MirroredTopics.craft;
import static dev.regent.insurer.support.ThreeRegions.EU;
import static dev.regent.insurer.support.ThreeRegions.US;

/** Faults in what reaches a region's projections through its mirrored topics, written straight into its cluster. */
final class DeliveryFaults {

    private static final String TOPIC = MirroredTopics.topic(EU, US);

    private DeliveryFaults() {
    }

    /**
     * MirrorMaker 2 is stopped; at healing, what eu published toward us meanwhile is written into us's cluster
     * shuffled (later events of an aggregate before earlier ones), then all of it again in another order, and then
     * MirrorMaker 2 resumes and delivers the originals: every event reaches us's projections three times, out of order.
     */
    static Fault duplicatedAndReordered() {
        AtomicReference<Map<TopicPartition, Long>> from = new AtomicReference<>();
        return new Fault("eu → us delivered shuffled and three times each", () -> {
            ThreeRegions.topology().mirrorMaker().stop();
            from.set(MirroredTopics.endOffsets(EU, TOPIC));
        }, () -> {
            try {
                // What us has had already (duplicates), and what eu published during the partition (not yet seen).
                List<ProducerRecord<String, byte[]>> copies = new ArrayList<>();
                MirroredTopics.recordsSince(US, lastRecords(MirroredTopics.endOffsets(US, TOPIC), 50)).stream()
                        .map(MirroredTopics::duplicate).forEach(copies::add);
                int delivered = copies.size();
                MirroredTopics.recordsSince(EU, from.get()).stream().map(MirroredTopics::duplicate)
                        .forEach(copies::add);
                Random random = new Random(7);
                Collections.shuffle(copies, random);
                List<ProducerRecord<String, byte[]>> twice = new ArrayList<>(copies);
                Collections.shuffle(copies, random);
                twice.addAll(copies);
                MirroredTopics.write(US, twice);
                System.out.printf("Wrote into us's cluster, shuffled, twice each: %d records us had, %d eu published "
                        + "during the partition%n", delivered, copies.size() - delivered);
            } finally {
                ThreeRegions.topology().mirrorMaker().restart();
            }
        });
    }

    private static Map<TopicPartition, Long> lastRecords(Map<TopicPartition, Long> end, int count) {
        return end.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                partition -> Math.max(0, partition.getValue() - count)));
    }

    /**
     * Poison written into us's copy of eu's topic, for aggregates no workload touches: an event type us does not know,
     * a payload it cannot read, a revision newer than its code, and a good event queued behind the last one.
     */
    static Fault poisonOnMirroredTopic() {
        return new Fault("poison on eu → us (unknown type, corrupt, newer revision)", () -> {
            List<ConsumerRecord<String, byte[]>> recent =
                    MirroredTopics.recordsSince(US, lastRecords(MirroredTopics.endOffsets(US, TOPIC), 200));
            ConsumerRecord<String, byte[]> registered = recent.stream().filter(record -> MirroredTopics.headers(record)
                    .getOrDefault("axon-message-type", "").endsWith("CustomerRegisteredEvent")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no customer registered in eu recently"));
            String newer = "poison-" + UUID.randomUUID();
            MirroredTopics.write(US, List.of(
                    craft(registered, "poison-" + UUID.randomUUID(), 0,
                            Map.of("axon-message-type", "dev.regent.insurer.identity.CustomerNicknameChosenEvent"),
                            registered.value()),
                    craft(registered, "poison-" + UUID.randomUUID(), 0, Map.of(),
                            "{\"customerId\": ".getBytes(StandardCharsets.UTF_8)),
                    craft(registered, newer, 0, Map.of("axon-message-revision", "99"), registered.value()),
                    craft(registered, newer, 1, Map.of(), registered.value())));
        }, () -> { });
    }
}
