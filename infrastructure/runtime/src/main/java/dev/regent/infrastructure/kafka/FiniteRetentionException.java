package dev.regent.infrastructure.kafka;

import java.util.List;
import java.util.stream.Collectors;

/** A region refuses to start: some of its topics would drop events, and it was told not to fix them. */
public final class FiniteRetentionException extends IllegalStateException {

    FiniteRetentionException(List<RetentionDrift> drifts) {
        super("Kafka topics would drop events, so this region does not start (regent.kafka.fix-retention=false): "
                + drifts.stream().map(RetentionDrift::toString).collect(Collectors.joining(", "))
                + ". Make them keep every event (kafka-configs.sh --alter --entity-type topics --entity-name <topic>"
                + " --add-config " + CompleteLog.TOPIC_CONFIG.entrySet().stream()
                        .map(setting -> setting.getKey() + "=" + setting.getValue()).collect(Collectors.joining(","))
                + "), or let the region fix them at start: regent.kafka.fix-retention=true.");
    }
}
