package dev.regent.infrastructure.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Axon's converter skips a record it cannot read and says so only at TRACE. Regent never drops an event silently:
 * every unreadable mirrored record is logged with its position and counted ({@code regent.ingress.unreadable}).
 *
 * <p>So is an event whose identifiers PostgreSQL cannot hold (a NUL, more than 255 characters): no read model could
 * store it, and it could not even be parked, since the dead-letter queue is keyed by them; its processor would retry
 * it forever.
 */
public class UnreadableRecordsCounter implements KafkaMessageConverter<String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(UnreadableRecordsCounter.class);

    private final KafkaMessageConverter<String, byte[]> delegate;
    private final MeterRegistry meters;

    public UnreadableRecordsCounter(KafkaMessageConverter<String, byte[]> delegate, MeterRegistry meters) {
        this.delegate = delegate;
        this.meters = meters;
    }

    @Override
    public ProducerRecord<String, byte[]> createKafkaMessage(EventMessage<?> eventMessage, String topic) {
        return delegate.createKafkaMessage(eventMessage, topic);
    }

    @Override
    public Optional<EventMessage<?>> readKafkaMessage(ConsumerRecord<String, byte[]> record) {
        Optional<EventMessage<?>> event = delegate.readKafkaMessage(record);
        String unstorable = event.map(UnreadableRecordsCounter::unstorableIdentifier).orElse(null);
        if (event.isEmpty() || unstorable != null) {
            if (unstorable == null) {
                log.warn("Skipped an unreadable record at {}-{} offset {} (key {}): not an Axon event, or a payload "
                        + "this region cannot deserialize", record.topic(), record.partition(), record.offset(),
                        record.key());
            } else {
                log.warn("Skipped an unreadable record at {}-{} offset {}: {}", record.topic(), record.partition(),
                        record.offset(), unstorable);
            }
            Counter.builder("regent.ingress.unreadable")
                    .description("Mirrored records that could not be read as events")
                    .tag("topic", record.topic())
                    .register(meters).increment();
        }
        return unstorable == null ? event : Optional.empty();
    }

    private static final int IDENTIFIER_LIMIT = 255;

    /** What makes an event's identifiers unstorable, or null. */
    private static String unstorableIdentifier(EventMessage<?> event) {
        List<String> identifiers = event instanceof DomainEventMessage<?> domain
                ? Arrays.asList(event.getIdentifier(), domain.getAggregateIdentifier(), domain.getType())
                : Arrays.asList(event.getIdentifier());
        for (String identifier : identifiers) {
            if (identifier != null && (identifier.indexOf('\0') >= 0 || identifier.length() > IDENTIFIER_LIMIT)) {
                return "an event identifier, aggregate id or type with a NUL or over " + IDENTIFIER_LIMIT
                        + " characters, which no read model can store";
            }
        }
        return null;
    }
}
