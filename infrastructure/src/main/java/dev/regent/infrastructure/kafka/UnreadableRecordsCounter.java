package dev.regent.infrastructure.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Axon's converter skips a record it cannot read and says so only at TRACE. Regent never drops an event silently:
 * every unreadable mirrored record is logged with its position and counted ({@code regent.ingress.unreadable}).
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
        if (event.isEmpty()) {
            log.warn("Skipped an unreadable record at {}-{} offset {} (key {}): not an Axon event, or a payload this "
                    + "region cannot deserialize", record.topic(), record.partition(), record.offset(), record.key());
            Counter.builder("regent.ingress.unreadable")
                    .description("Mirrored records that could not be read as events")
                    .tag("topic", record.topic())
                    .register(meters).increment();
        }
        return event;
    }
}
