package dev.regent.insurer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.regent.insurer.support.Reconciliations;
import dev.regent.insurer.support.RegentClient;
import dev.regent.insurer.support.ThreeRegions;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.regent.insurer.support.InsurerFixture.claim;
import static dev.regent.insurer.support.InsurerFixture.customer;
import static dev.regent.insurer.support.InsurerFixture.policy;
import static dev.regent.insurer.support.ThreeRegions.APAC;
import static dev.regent.insurer.support.ThreeRegions.EU;
import static dev.regent.insurer.support.ThreeRegions.US;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Drift injected on purpose into replicas is detected, classified, reported, repaired, and blocks a claim. */
class ReconciliationIT {

    private final RegentClient api = ThreeRegions.client();

    @Test
    void everyKindOfDriftIsDetectedWithItsClass_reported_andRepaired() {
        List<String> ids = List.of(euCustomer(), euCustomer(), euCustomer(), euCustomer());
        assertThat(Reconciliations.run(api, US, false).get("drifts")).as("clean before").isEmpty();
        JdbcTemplate us = ThreeRegions.database(US);
        String diverged = ids.get(0);
        String missing = ids.get(1);
        String stale = ids.get(2);
        us.update("update regent_view set state = jsonb_set(state, '{domicile}', '\"XX\"') where aggregate_id = ?",
                diverged);
        us.update("delete from regent_view where aggregate_id = ?", missing);
        assertThat(api.put(EU, "/customers/" + stale + "/contact", Map.of("phone", "+33 6 12 12 12 12")).status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                api.get(US, "/customers/" + stale).body().get("version").asLong() == 2);
        us.update("update regent_view set last_sequence = 0 where aggregate_id = ?", stale);
        us.update("insert into regent_view select view_name, 'orphan-' || aggregate_id, aggregate_type, owner_region, "
                + "owner_epoch, last_sequence, state, last_event_id, last_event_at from regent_view "
                + "where aggregate_id = ?", ids.get(3));

        JsonNode detected = Reconciliations.run(api, US, false);

        assertThat(classes(detected)).containsEntry(diverged, "DIVERGED").containsEntry(missing, "MISSING")
                .containsEntry(stale, "STALE").containsEntry("orphan-" + ids.get(3), "ORPHANED");
        assertThat(detected.get("driftCounts").toString()).contains("\"DIVERGED\":1", "\"MISSING\":1",
                "\"STALE\":1", "\"ORPHANED\":1");
        assertThat(detected.get("incidents").toString()).as("4 drifted customers, threshold 2")
                .contains("\"aggregateType\":\"CustomerIdentity\"", "\"drifted\":4");
        assertThat(api.get(US, "/reconciliation/status").body().get("incidents")).hasSize(1);

        JsonNode repairing = Reconciliations.run(api, US, true);
        assertThat(repairing.get("resyncedEvents").asLong()).as("the owner published them again").isEqualTo(4);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(Reconciliations.run(api, US, false).get("drifts")).as("clean after repair").isEmpty());
        assertThat(api.get(US, "/customers/" + diverged).text("domicile")).isEqualTo("FR");
        assertThat(api.get(US, "/customers/" + stale).body().get("version").asLong()).isEqualTo(2);
        assertThat(api.get(US, "/customers/orphan-" + ids.get(3)).status()).isEqualTo(404);
        assertThat(api.get(US, "/reconciliation/status").body().get("incidents")).isEmpty();
        assertThat(Reconciliations.run(api, US, true).get("resyncedEvents").asLong()).as("idempotent").isZero();
    }

    @Test
    void mirroredRecordsLostBeforeARebuildAreFoundMissing_andRepaired() throws Exception {
        String lost = euCustomer();
        // Lose what the us cluster holds of eu's topic so far, then rebuild us's customers from what is left.
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                ThreeRegions.region(US).broker().bootstrapServers()))) {
            TopicPartition partition = new TopicPartition("regent.eu.to.us.events", 0);
            long end = admin.listOffsets(Map.of(partition, OffsetSpec.latest()))
                    .partitionResult(partition).get().offset();
            admin.deleteRecords(Map.of(partition, RecordsToDelete.beforeOffset(end))).all().get();
        }
        rebuild(US, "customers");
        // The replay ends on the first event past where it started: the lost records can no longer be that one.
        String later = euCustomer();
        await().atMost(Duration.ofSeconds(20)).until(() ->
                !api.get(US, "/projections/customers").body().get("rebuilding").asBoolean());
        assertThat(api.get(US, "/customers/" + later).status()).isEqualTo(200);
        assertThat(api.get(US, "/customers/" + lost).status()).isEqualTo(404);

        JsonNode detected = Reconciliations.run(api, US, true);

        assertThat(classes(detected)).containsEntry(lost, "MISSING");
        await().atMost(Duration.ofSeconds(15)).until(() -> api.get(US, "/customers/" + lost).status() == 200);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(Reconciliations.run(api, US, false).get("drifts")).isEmpty());
    }

    @Test
    void aClaimWillNotSettleAgainstADriftedIdentity_itWaitsPendingReconciliation_thenIsApproved() {
        String customerId = euCustomer();
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get(APAC, "/customers/" + customerId).status() == 200);
        ThreeRegions.database(APAC).update("update regent_view set state = jsonb_set(state, '{domicile}', '\"XX\"') "
                + "where aggregate_id = ?", customerId);
        assertThat(classes(Reconciliations.run(api, APAC, false))).containsEntry(customerId, "DIVERGED");
        String policyId = api.post(APAC, "/policies", policy(customerId, 10_000)).text("policyId");

        String claimId = api.post(APAC, "/claims", claim(policyId, customerId, 500)).text("claimId");

        await().atMost(Duration.ofSeconds(20)).until(() ->
                "PENDING_RECONCILIATION".equals(api.get(APAC, "/claims/" + claimId).text("status")));
        Reconciliations.run(api, APAC, true);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(Reconciliations.run(api, APAC, false).get("drifts")).isEmpty());
        await().atMost(Duration.ofSeconds(20)).until(() ->
                "APPROVED".equals(api.get(APAC, "/claims/" + claimId).text("status")));
    }

    private String euCustomer() {
        String id = api.post(EU, "/customers", customer("Drift Candidate", "FR")).text("customerId");
        for (String region : List.of(US, APAC)) {
            // 404 or, during a rebuild, 503: wait until the replica shows it.
            await().atMost(Duration.ofSeconds(10)).until(() -> api.get(region, "/customers/" + id).status() == 200);
        }
        return id;
    }

    private static Map<String, String> classes(JsonNode report) {
        Map<String, String> classes = new HashMap<>();
        report.get("drifts").forEach(drift -> classes.put(drift.get("aggregateId").asText(),
                drift.get("driftClass").asText()));
        return classes;
    }

    static void rebuild(String region, String view) {
        TrackingEventProcessor processor = ThreeRegions.region(region).bean(EventProcessingConfiguration.class)
                .eventProcessor(view, TrackingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
    }
}
