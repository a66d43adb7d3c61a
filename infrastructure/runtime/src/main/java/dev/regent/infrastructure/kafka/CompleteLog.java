package dev.regent.infrastructure.kafka;

import org.apache.kafka.common.config.TopicConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The topic settings under which Kafka keeps every record: no time or size retention, and deletion (never compaction,
 * which would keep only each aggregate's newest event) as the cleanup policy. A non-owner region rebuilds its view of
 * another region's aggregates from the mirrored topic alone, so a record the broker drops is an event lost to it.
 */
final class CompleteLog {

    static final String INFINITE = "-1";

    /** What every Regent topic must carry, on creation and at every start. */
    static final Map<String, String> TOPIC_CONFIG = new TreeMap<>(Map.of(
            TopicConfig.RETENTION_MS_CONFIG, INFINITE,
            TopicConfig.RETENTION_BYTES_CONFIG, INFINITE,
            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE));

    private CompleteLog() {
    }

    /**
     * How {@code topic}'s settings ({@code actual}, as the broker describes them, defaults included) differ from a
     * complete log; empty if it keeps everything. A setting the broker does not report counts as different.
     */
    static List<RetentionDrift> driftsOf(String topic, Map<String, String> actual) {
        List<RetentionDrift> drifts = new ArrayList<>();
        TOPIC_CONFIG.forEach((name, required) -> {
            String value = actual.get(name);
            if (!required.equals(value)) {
                drifts.add(new RetentionDrift(topic, name, value, required));
            }
        });
        return drifts;
    }
}
