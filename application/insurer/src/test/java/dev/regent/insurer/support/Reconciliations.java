package dev.regent.insurer.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;

/** Runs reconciliation in a region through its API and waits for the report. */
public final class Reconciliations {

    private Reconciliations() {
    }

    public static JsonNode run(RegentClient api, String region, boolean repair) {
        return run(api, region, repair, Duration.ofSeconds(30));
    }

    public static JsonNode run(RegentClient api, String region, boolean repair, Duration atMost) {
        String runId = api.post(region, "/reconciliation/runs", Map.of("repair", repair)).text("runId");
        AtomicReference<JsonNode> report = new AtomicReference<>();
        await().atMost(atMost).until(() -> {
            JsonNode current = api.get(region, "/reconciliation/runs/" + runId).body();
            report.set(current);
            return !"RUNNING".equals(current.get("status").asText());
        });
        return report.get();
    }
}
