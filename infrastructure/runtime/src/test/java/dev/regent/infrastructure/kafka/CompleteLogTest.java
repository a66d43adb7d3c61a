package dev.regent.infrastructure.kafka;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

class CompleteLogTest {

    private static final String TOPIC = "regent.eu.to.us.events";

    @Test
    void givenInfiniteRetentionAndDeletion_whenChecked_thenNothingDrifts() {
        assertThat(CompleteLog.driftsOf(TOPIC, settings("-1", "-1", "delete"))).isEmpty();
    }

    @Test
    void givenTheBrokersDefaultSevenDays_whenChecked_thenRetentionMsDriftsWithOldAndNewValue() {
        assertThat(CompleteLog.driftsOf(TOPIC, settings("604800000", "-1", "delete")))
                .containsExactly(new RetentionDrift(TOPIC, "retention.ms", "604800000", "-1"));
    }

    @Test
    void givenASizeLimit_whenChecked_thenRetentionBytesDrifts() {
        assertThat(CompleteLog.driftsOf(TOPIC, settings("-1", "1073741824", "delete")))
                .containsExactly(new RetentionDrift(TOPIC, "retention.bytes", "1073741824", "-1"));
    }

    @Test
    void givenCompaction_whenChecked_thenCleanupPolicyDrifts_evenCombinedWithDeletion() {
        // Compaction keeps only the newest record per key: an aggregate's earlier events would go.
        for (String policy : List.of("compact", "compact,delete", "delete,compact")) {
            assertThat(CompleteLog.driftsOf(TOPIC, settings("-1", "-1", policy))).as(policy)
                    .containsExactly(new RetentionDrift(TOPIC, "cleanup.policy", policy, "delete"));
        }
    }

    @Test
    void givenAVeryLongButFiniteRetention_whenChecked_thenItDrifts() {
        assertThat(CompleteLog.driftsOf(TOPIC, settings(String.valueOf(Long.MAX_VALUE), "-1", "delete")))
                .extracting(RetentionDrift::name).containsExactly("retention.ms");
    }

    @Test
    void givenSettingsTheBrokerDidNotReport_whenChecked_thenEachCountsAsDrift() {
        assertThat(CompleteLog.driftsOf(TOPIC, Map.of()))
                .extracting(RetentionDrift::name, RetentionDrift::actual)
                .containsExactlyInAnyOrder(tuple("retention.ms", null),
                        tuple("retention.bytes", null),
                        tuple("cleanup.policy", null));
    }

    @Test
    void givenOtherSettings_whenChecked_thenOnlyRetentionAndCleanupMatter() {
        Map<String, String> settings = settings("-1", "-1", "delete");
        settings.put("segment.bytes", "1024");
        settings.put("min.compaction.lag.ms", "0");
        assertThat(CompleteLog.driftsOf(TOPIC, settings)).isEmpty();
    }

    @Test
    void givenDrifts_whenRefused_thenTheMessageNamesEachTopicSettingAndTheWayOut() {
        String message = new FiniteRetentionException(List.of(
                new RetentionDrift(TOPIC, "retention.ms", "604800000", "-1"),
                new RetentionDrift("regent.us.to.eu.events", "cleanup.policy", "compact", "delete"))).getMessage();

        assertThat(message)
                .contains("regent.eu.to.us.events retention.ms=604800000 (needs -1)")
                .contains("regent.us.to.eu.events cleanup.policy=compact (needs delete)")
                .contains("--add-config cleanup.policy=delete,retention.bytes=-1,retention.ms=-1")
                .contains("regent.kafka.fix-retention=true");
    }

    @Test
    void givenTheSetting_whenMapped_thenTrueFixesAndFalseRefuses() {
        assertThat(OnFiniteRetention.fix(true)).isEqualTo(OnFiniteRetention.FIX);
        assertThat(OnFiniteRetention.fix(false)).isEqualTo(OnFiniteRetention.REFUSE);
    }

    private static Map<String, String> settings(String retentionMs, String retentionBytes, String cleanupPolicy) {
        Map<String, String> settings = new HashMap<>();
        settings.put("retention.ms", retentionMs);
        settings.put("retention.bytes", retentionBytes);
        settings.put("cleanup.policy", cleanupPolicy);
        return settings;
    }
}
