package dev.regent.infrastructure.kafka;

import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.containment.EgressHold;
import dev.regent.infrastructure.residency.Egress;
import dev.regent.infrastructure.residency.EgressAudit;
import dev.regent.infrastructure.residency.ResidencyEgressConverter;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.producer.ProducerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** This region's egress streams: one per destination region, and one for its region-locked topic. */
public class EgressPublishers {

    private final Map<Region, EgressPublisher> byDestination = new LinkedHashMap<>();
    private final EgressPublisher regionLocked;

    EgressPublishers(EventTransportConfiguration.ProvisionedTopics topics, ProducerFactory<String, byte[]> producers,
                     Supplier<KafkaMessageConverter<String, byte[]>> converter, Egress egress, EgressAudit audit,
                     EgressHold hold) {
        Region local = topics.localRegion();
        for (Region destination : topics.allRegions()) {
            if (!destination.equals(local)) {
                byDestination.put(destination, new EgressPublisher(producers, () -> new ResidencyEgressConverter(
                        converter.get(), local, destination, egress, audit), topics.names().toward(local, destination),
                        destination.name(), audit, hold));
            }
        }
        // Region-locked events stay home, but the log keeps them for good: their personal values are sealed as well.
        regionLocked = new EgressPublisher(producers, () -> new ResidencyEgressConverter(converter.get(), local, local,
                egress, audit), topics.names().regionLocked(local), null, audit, hold);
    }

    public Map<Region, EgressPublisher> byDestination() {
        return byDestination;
    }

    public EgressPublisher regionLocked() {
        return regionLocked;
    }

    /** @throws IllegalArgumentException for a region this one does not publish to */
    public EgressPublisher toward(Region destination) {
        EgressPublisher publisher = byDestination.get(destination);
        if (publisher == null) {
            throw new IllegalArgumentException("Region " + destination + " is not a destination of this region "
                    + byDestination.keySet());
        }
        return publisher;
    }
}
