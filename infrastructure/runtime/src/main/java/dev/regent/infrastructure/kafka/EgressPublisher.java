package dev.regent.infrastructure.kafka;

import dev.regent.domain.residency.WithheldEvent;
import dev.regent.infrastructure.containment.EgressHold;
import dev.regent.infrastructure.residency.EgressAudit;
import dev.regent.infrastructure.residency.PersonalDataModel;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.producer.ProducerFactory;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * One egress stream of this region: an event handler on its own tracking processor over the local event store (the
 * store is the outbox), publishing toward one destination through its converter (which applies the residency policy),
 * or to the region's own never-mirrored topic when {@code destination} is null. Region-locked events only ever take
 * the latter; the destinations get a {@link WithheldEvent} in their place. An event an active freeze selects is held
 * instead of published toward a destination ({@link EgressHold}), until the freeze is thawed.
 *
 * <p>Records are sent as events are handled and acknowledged together before the processor's unit of work commits
 * its token: one wait per batch instead of one per event, and a failed send rolls the batch back (sent again, never
 * lost; replicas skip what they already have).
 */
public class EgressPublisher implements EventMessageHandler {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final ProducerFactory<String, byte[]> producers;
    private final Supplier<KafkaMessageConverter<String, byte[]>> converterFactory;
    private final String topic;
    private final String destination;
    private final EgressAudit audit;
    private final EgressHold hold;
    private final String pendingKey;
    private volatile KafkaMessageConverter<String, byte[]> converter;

    /** @param converterFactory makes the converter on first use: it needs Axon's finished configuration */
    EgressPublisher(ProducerFactory<String, byte[]> producers,
                    Supplier<KafkaMessageConverter<String, byte[]>> converterFactory, String topic,
                    String destination, EgressAudit audit, EgressHold hold) {
        this.producers = producers;
        this.converterFactory = converterFactory;
        this.topic = topic;
        this.destination = destination;
        this.audit = audit;
        this.hold = hold;
        this.pendingKey = "regent-egress-pending-" + topic;
    }

    @Override
    public Object handle(EventMessage<?> event) {
        if (destination != null && hold.held(event, destination)) {
            return null;
        }
        boolean regionLocked = PersonalDataModel.of(event.getPayloadType()).isRegionLocked();
        if (destination == null) {
            if (regionLocked) {
                send(event);
            }
        } else if (regionLocked) {
            audit.record(destination, event.getPayloadType().getSimpleName(), "region-locked", "region-locked",
                    List.of());
            if (event instanceof DomainEventMessage<?> domainEvent) {
                send(withheld(domainEvent));
            }
        } else {
            send(event);
        }
        return null;
    }

    private void send(EventMessage<?> event) {
        Producer<String, byte[]> producer = producers.createProducer();
        Future<RecordMetadata> sent = producer.send(converter().createKafkaMessage(event, topic));
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        List<Future<RecordMetadata>> pending = unitOfWork.root().getOrComputeResource(pendingKey, key -> {
            List<Future<RecordMetadata>> futures = new ArrayList<>();
            unitOfWork.root().onPrepareCommit(committing -> awaitAcknowledgements(futures));
            return futures;
        });
        pending.add(sent);
    }

    private void awaitAcknowledgements(List<Future<RecordMetadata>> futures) {
        long deadline = System.nanoTime() + ACK_TIMEOUT.toNanos();
        try {
            for (Future<RecordMetadata> future : futures) {
                future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Publishing to " + topic + " failed; the batch will be sent again", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing to " + topic, e);
        }
    }

    private KafkaMessageConverter<String, byte[]> converter() {
        KafkaMessageConverter<String, byte[]> current = converter;
        if (current == null) {
            synchronized (this) {
                if (converter == null) {
                    converter = converterFactory.get();
                }
                current = converter;
            }
        }
        return current;
    }

    /** What the destination gets instead: the aggregate's place in its sequence, nothing more. */
    private static DomainEventMessage<?> withheld(DomainEventMessage<?> event) {
        return new GenericDomainEventMessage<>(event.getType(), event.getAggregateIdentifier(),
                event.getSequenceNumber(), new GenericMessage<>(event.getIdentifier(), new WithheldEvent(),
                event.getMetaData()), event.getTimestamp());
    }
}
