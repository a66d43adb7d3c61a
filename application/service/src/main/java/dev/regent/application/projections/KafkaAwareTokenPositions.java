package dev.regent.application.projections;

import dev.regent.projections.rebuild.TokenPositions;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.springframework.stereotype.Component;

/** Rebuild progress counts mirrored events too: a Kafka token's position is the sum of its partitions' offsets. */
@Component
class KafkaAwareTokenPositions implements TokenPositions {

    @Override
    public long ofSource(TrackingToken token) {
        if (token instanceof KafkaTrackingToken kafka) {
            return kafka.getPositions().values().stream().mapToLong(offset -> offset + 1).sum();
        }
        return TokenPositions.super.ofSource(token);
    }
}
