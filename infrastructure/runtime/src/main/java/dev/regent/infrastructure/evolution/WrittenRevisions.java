package dev.regent.infrastructure.evolution;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.serialization.RevisionResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code regent.events.written-revisions.<EventType>: <revision>}: this region writes events of that type (simple
 * class name) under an older revision than their class declares, the step of a rolling upgrade where every region
 * must read the new revision before any writes it (README, "Events evolve"). Only for a revision that adds fields: the
 * payload keeps them all, regions on the older code read the fields they know, upgraded ones read the rest, and the
 * upcasters keep what is there. Held back in the event store (the region can still go back to the older code) and on
 * every topic it publishes.
 */
@ConfigurationProperties("regent.events")
public record WrittenRevisions(Map<String, Long> writtenRevisions) {

    private static final Logger log = LoggerFactory.getLogger(WrittenRevisions.class);
    /** The Kafka header of Axon's Kafka extension that names the payload's revision. */
    static final String TYPE_HEADER = "axon-message-type";
    static final String REVISION_HEADER = "axon-message-revision";

    public WrittenRevisions {
        writtenRevisions = writtenRevisions == null ? Map.of() : writtenRevisions.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(entry -> entry.getKey().toLowerCase(Locale.ROOT), entry -> {
                    if (entry.getValue() == null || entry.getValue() < 1) {
                        throw new IllegalArgumentException("regent.events.written-revisions." + entry.getKey()
                                + " must be a revision (1 or more), was " + entry.getValue());
                    }
                    return entry.getValue();
                }));
        if (!writtenRevisions.isEmpty()) {
            log.warn("This region writes these event types under an older revision than their classes declare "
                    + "(regent.events.written-revisions): {}", writtenRevisions);
        }
    }

    /** The revisions the serializer writes: {@code declared}'s, held back where configured and older. */
    public RevisionResolver over(RevisionResolver declared) {
        if (writtenRevisions.isEmpty()) {
            return declared;
        }
        return type -> {
            String revision = declared.revisionOf(type);
            Long held = writtenRevisions.get(type.getSimpleName().toLowerCase(Locale.ROOT));
            return held != null && isOlder(held, revision) ? held.toString() : revision;
        };
    }

    /** {@code converter}, holding back the revisions of the records it makes ({@link #heldBack}). */
    public KafkaMessageConverter<String, byte[]> holdingBack(KafkaMessageConverter<String, byte[]> converter) {
        if (writtenRevisions.isEmpty()) {
            return converter;
        }
        return new KafkaMessageConverter<>() {
            @Override
            public ProducerRecord<String, byte[]> createKafkaMessage(EventMessage<?> event, String topic) {
                return heldBack(converter.createKafkaMessage(event, topic));
            }

            @Override
            public Optional<EventMessage<?>> readKafkaMessage(ConsumerRecord<String, byte[]> record) {
                return converter.readKafkaMessage(record);
            }
        };
    }

    /**
     * Holds back the revision of a record about to be published. Events read back from the store come through the
     * upcaster chain at their class's revision; their payload, written held back, is the same.
     */
    <K, V> ProducerRecord<K, V> heldBack(ProducerRecord<K, V> record) {
        if (writtenRevisions.isEmpty()) {
            return record;
        }
        String type = text(record.headers().lastHeader(TYPE_HEADER));
        String revision = text(record.headers().lastHeader(REVISION_HEADER));
        if (type == null) {
            return record;
        }
        Long held = writtenRevisions.get(type.substring(type.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT));
        if (held != null && isOlder(held, revision)) {
            record.headers().remove(REVISION_HEADER);
            record.headers().add(REVISION_HEADER, held.toString().getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    private static boolean isOlder(long held, String revision) {
        try {
            return revision != null && held < Long.parseLong(revision);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String text(Header header) {
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
