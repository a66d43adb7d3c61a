package dev.regent.insurer.support;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Reads and writes the mirrored topics of a region's Kafka cluster directly, as a fault would: records copied from
 * real ones, duplicated, reordered, or altered into poison (unknown type, corrupt payload, newer revision).
 */
public final class MirroredTopics {

    private MirroredTopics() {
    }

    /** The topic that carries {@code owner}'s events into {@code destination}, on {@code destination}'s cluster. */
    public static String topic(String owner, String destination) {
        return "regent." + owner + ".to." + destination + ".events";
    }

    /** Every record of {@code topic} on {@code region}'s cluster whose key is {@code key}, in offset order. */
    public static List<ConsumerRecord<String, byte[]>> recordsKeyed(String region, String topic, String key) {
        return records(region, topic, List.of(key));
    }

    /** Every record of {@code topic} on {@code region}'s cluster keyed by one of {@code keys}, in offset order. */
    public static List<ConsumerRecord<String, byte[]>> records(String region, String topic, List<String> keys) {
        Map<TopicPartition, Long> beginning;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig(region))) {
            beginning = consumer.beginningOffsets(partitions(consumer, topic));
        }
        return recordsSince(region, beginning).stream().filter(record -> keys.contains(record.key())).toList();
    }

    /** The end offset of each partition of {@code topic} on {@code region}'s cluster: where new records will go. */
    public static Map<TopicPartition, Long> endOffsets(String region, String topic) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig(region))) {
            return consumer.endOffsets(partitions(consumer, topic));
        }
    }

    /** Every record written to {@code region}'s cluster since {@code from} (see {@link #endOffsets}). */
    public static List<ConsumerRecord<String, byte[]>> recordsSince(String region, Map<TopicPartition, Long> from) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig(region))) {
            List<TopicPartition> partitions = List.copyOf(from.keySet());
            consumer.assign(partitions);
            from.forEach(consumer::seek);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        return consumer.partitionsFor(topic).stream().map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    private static Map<String, Object> consumerConfig(String region) {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ThreeRegions.region(region).broker().bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    }

    public static Map<String, String> headers(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null
                    : new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    /** A copy of {@code record}, as it was (a duplicate), into the same topic and partition. */
    public static ProducerRecord<String, byte[]> duplicate(ConsumerRecord<String, byte[]> record) {
        return new ProducerRecord<>(record.topic(), record.partition(), record.key(), record.value(),
                record.headers());
    }

    /**
     * A new event made from {@code template}: another id, for aggregate {@code aggregateId} at {@code sequence}, with
     * {@code headers} overriding the template's (e.g. {@code axon-message-type}) and {@code payload} as its value.
     */
    public static ProducerRecord<String, byte[]> craft(ConsumerRecord<String, byte[]> template, String aggregateId,
                                                       long sequence, Map<String, String> headers, byte[] payload) {
        Map<String, byte[]> values = new HashMap<>();
        values.put("axon-message-id", utf8(UUID.randomUUID().toString()));
        values.put("axon-message-aggregate-id", utf8(aggregateId));
        // Axon's Kafka extension writes numbers as 8-byte longs.
        values.put("axon-message-aggregate-seq", ByteBuffer.allocate(Long.BYTES).putLong(sequence).array());
        headers.forEach((key, value) -> values.put(key, utf8(value)));
        RecordHeaders recordHeaders = new RecordHeaders();
        for (Header header : template.headers()) {
            byte[] value = values.remove(header.key());
            recordHeaders.add(header.key(), value == null ? header.value() : value);
        }
        values.forEach(recordHeaders::add);
        return new ProducerRecord<>(template.topic(), null, aggregateId, payload, recordHeaders);
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code record} on partition 0 with its own timestamp, as if its producer had sent it at {@code timestamp}. */
    public static ProducerRecord<String, byte[]> at(ProducerRecord<String, byte[]> record, long timestamp) {
        return new ProducerRecord<>(record.topic(), 0, timestamp, record.key(), record.value(), record.headers());
    }

    /**
     * Writes {@code records} in the order given, straight into {@code region}'s cluster, and waits for each ack;
     * answers where each landed.
     */
    public static List<RecordMetadata> write(String region, List<ProducerRecord<String, byte[]>> records) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ThreeRegions.region(region).broker().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
            List<RecordMetadata> written = new ArrayList<>();
            for (ProducerRecord<String, byte[]> record : records) {
                written.add(producer.send(record).get(30, TimeUnit.SECONDS));
            }
            return written;
        } catch (Exception e) {
            throw new IllegalStateException("Could not write to " + region + "'s cluster", e);
        }
    }
}
