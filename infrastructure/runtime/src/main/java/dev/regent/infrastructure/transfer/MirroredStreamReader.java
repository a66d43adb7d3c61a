package dev.regent.infrastructure.transfer;

import dev.regent.domain.ownership.OwnershipMetadata;
import dev.regent.domain.ownership.Region;
import dev.regent.domain.residency.WithheldEvent;
import dev.regent.infrastructure.kafka.RegentTopics;
import dev.regent.infrastructure.residency.SharedFieldsReveal;
import dev.regent.infrastructure.residency.ResidencyEgressConverter;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.consumer.ConsumerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads what a former owner replicated of one aggregate to this region: its topic toward this region, mirrored into
 * this region's cluster, from the beginning. The copy must be complete and readable: a gap, a withheld event or a
 * protected personal field means this region never held the aggregate's state, so it cannot take it over.
 */
public class MirroredStreamReader {

    private final ConsumerFactory<String, byte[]> consumers;
    private final KafkaMessageConverter<String, byte[]> converter;
    private final SharedFieldsReveal reveal;
    private final RegentTopics topics;
    private final Region local;
    private final Duration timeout;

    public MirroredStreamReader(ConsumerFactory<String, byte[]> consumers, KafkaMessageConverter<String, byte[]> converter,
                                SharedFieldsReveal reveal, RegentTopics topics, Region local, Duration timeout) {
        this.consumers = consumers;
        this.converter = converter;
        this.reveal = reveal;
        this.topics = topics;
        this.local = local;
        this.timeout = timeout;
    }

    public List<DomainEventMessage<?>> read(Region formerOwner, String aggregateId) {
        String topic = topics.toward(formerOwner, local);
        TreeMap<Long, DomainEventMessage<?>> bySequence = new TreeMap<>();
        try (Consumer<String, byte[]> consumer = consumers.createConsumer(null)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(partition -> new TopicPartition(topic, partition.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            Instant deadline = Instant.now().plus(timeout.multipliedBy(10));
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new TransferRefusedException("Could not read " + topic + " to its end in "
                            + timeout.multipliedBy(10) + "; try again");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (aggregateId.equals(record.key())) {
                        converter.readKafkaMessage(record).filter(DomainEventMessage.class::isInstance)
                                .map(event -> (DomainEventMessage<?>) event)
                                .ifPresent(event -> bySequence.putIfAbsent(event.getSequenceNumber(), event));
                    }
                }
            }
        }
        return complete(formerOwner, aggregateId, topic, bySequence.values().stream()
                .<DomainEventMessage<?>>map(event -> revealed(event, formerOwner, aggregateId)).toList());
    }

    /** Shared values travel sealed: only a region that was granted their keys (and kept them) can take them over. */
    private DomainEventMessage<?> revealed(DomainEventMessage<?> event, Region formerOwner, String aggregateId) {
        try {
            return reveal.reveal(event, false);
        } catch (IllegalStateException noKey) {
            throw new TransferRefusedException("Event " + event.getSequenceNumber() + " of " + aggregateId
                    + " holds values " + formerOwner + " shared with this region under a key it was never granted ("
                    + noKey.getMessage() + "): only a planned transfer can move it");
        }
    }

    private static List<DomainEventMessage<?>> complete(Region formerOwner, String aggregateId, String topic,
                                                        List<DomainEventMessage<?>> events) {
        if (events.isEmpty()) {
            throw new TransferRefusedException("Nothing of " + aggregateId + " was replicated from " + formerOwner
                    + " (" + topic + "): there is nothing to take over from");
        }
        for (int expected = 0; expected < events.size(); expected++) {
            DomainEventMessage<?> event = events.get(expected);
            if (event.getSequenceNumber() != expected) {
                throw new TransferRefusedException("The copy of " + aggregateId + " replicated from " + formerOwner
                        + " has a gap at sequence " + expected + ": it cannot be taken over from it");
            }
            Optional<String> protectedBy = protection(event);
            if (protectedBy.isPresent()) {
                throw new TransferRefusedException("Event " + expected + " of " + aggregateId + " ("
                        + event.getPayloadType().getSimpleName() + ") reached this region " + protectedBy.get()
                        + " by residency rules: its data never left " + formerOwner + ", so only a planned "
                        + "transfer (with " + formerOwner + " answering) can move it");
            }
        }
        return events.stream().<DomainEventMessage<?>>map(event -> event.andMetaData(
                Map.of(OwnershipMetadata.IMPORTED_FROM, formerOwner.name()))).toList();
    }

    private static Optional<String> protection(EventMessage<?> event) {
        if (event.getPayload() instanceof WithheldEvent) {
            return Optional.of("withheld");
        }
        Object egress = event.getMetaData().get(ResidencyEgressConverter.EGRESS_METADATA);
        if (egress == null) {
            return Optional.empty();
        }
        return Arrays.stream(egress.toString().split(","))
                .filter(decision -> !decision.endsWith("=SHARE")).findFirst()
                .map(decision -> "protected (" + decision + ")");
    }
}
