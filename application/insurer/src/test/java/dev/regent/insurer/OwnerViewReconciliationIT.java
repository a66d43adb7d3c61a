package dev.regent.insurer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.regent.insurer.support.Reconciliations;
import dev.regent.insurer.support.RegentClient;
import dev.regent.insurer.support.ThreeRegions;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.regent.insurer.support.InsurerFixture.customer;
import static dev.regent.insurer.support.ThreeRegions.APAC;
import static dev.regent.insurer.support.ThreeRegions.EU;
import static dev.regent.insurer.support.ThreeRegions.US;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The owner's own view is checked against its event store: its drift is found with the replicas' classes, reported as
 * the owner's, repaired from the store; no replica is repaired toward it, and replicas end as the store says.
 */
class OwnerViewReconciliationIT {

    private final RegentClient api = ThreeRegions.client();

    @Test
    void givenTheOwnersRowsCorruptedDeletedAndAhead_whenItReconciles_thenItsDriftIsFound_andRepairedFromItsStore() {
        String corrupted = euCustomer();
        String deleted = euCustomer();
        String ahead = euCustomer();
        JdbcTemplate eu = ThreeRegions.database(EU);
        assertThat(eu.update("update regent_view set state = jsonb_set(state, '{domicile}', '\"XX\"') "
                + "where view_name = 'customers' and aggregate_id = ?", corrupted)).isEqualTo(1);
        assertThat(eu.update("delete from regent_view where view_name = 'customers' and aggregate_id = ?", deleted))
                .isEqualTo(1);
        assertThat(eu.update("update regent_view set last_sequence = 3 where view_name = 'customers' "
                + "and aggregate_id = ?", ahead)).isEqualTo(1);

        // A replica reconciled first: eu vouches for no row its store disagrees with, so us keeps its good copies.
        JsonNode usFirst = Reconciliations.run(api, US, true);
        assertThat(drifts(usFirst, "REPLICA")).doesNotContainKeys(deleted, ahead);
        assertThat(api.get(US, "/customers/" + deleted).status()).isEqualTo(200);

        JsonNode owners = Reconciliations.run(api, EU, true);

        assertThat(drifts(owners, "OWNER")).containsEntry(corrupted, "DIVERGED").containsEntry(deleted, "MISSING")
                .containsEntry(ahead, "DIVERGED");
        assertThat(drift(owners, deleted).get("ownerRegion").asText()).isEqualTo(EU);
        assertThat(drift(owners, deleted).get("ownerSequence").asLong()).as("the store's").isZero();
        assertThat(drift(owners, deleted).get("replicaSequence").asLong()).as("the view's: none").isEqualTo(-1);
        assertThat(drift(owners, ahead).get("replicaSequence").asLong()).isEqualTo(3);
        assertThat(owners.get("incidents").toString()).as("3 drifted customers, threshold 2")
                .contains("\"aggregateType\":\"CustomerIdentity\"");
        assertThat(api.get(EU, "/customers/" + corrupted).text("domicile")).as("repaired from the store")
                .isEqualTo("FR");
        assertThat(api.get(EU, "/customers/" + deleted).status()).isEqualTo(200);
        assertThat(api.get(EU, "/customers/" + ahead).body().get("version").asLong()).isEqualTo(1);
        assertThat(drifts(Reconciliations.run(api, EU, false), "OWNER")).as("clean after repair")
                .doesNotContainKeys(corrupted, deleted, ahead);
        assertThat(api.get(EU, "/reconciliation/status").body().get("incidents")).isEmpty();

        for (String replica : List.of(US, APAC)) {
            Reconciliations.run(api, replica, true);
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(drifts(
                    Reconciliations.run(api, replica, false), "REPLICA")).doesNotContainKeys(corrupted, deleted, ahead));
            for (String id : List.of(corrupted, deleted, ahead)) {
                JsonNode held = api.get(replica, "/customers/" + id).body();
                assertThat(held.get("domicile").asText()).as(replica + "'s " + id).isEqualTo("FR");
                assertThat(held.get("version").asLong()).as(replica + "'s " + id).isEqualTo(1);
            }
        }
    }

    private String euCustomer() {
        String id = api.post(EU, "/customers", customer("Owner Drift Candidate", "FR")).text("customerId");
        for (String region : List.of(US, APAC)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> api.get(region, "/customers/" + id).status() == 200);
        }
        return id;
    }

    /** Drift class by aggregate, of one side's drifts. */
    private static Map<String, String> drifts(JsonNode report, String side) {
        Map<String, String> classes = new HashMap<>();
        report.get("drifts").forEach(drift -> {
            if (side.equals(drift.get("side").asText())) {
                classes.put(drift.get("aggregateId").asText(), drift.get("driftClass").asText());
            }
        });
        return classes;
    }

    private static JsonNode drift(JsonNode report, String aggregateId) {
        for (JsonNode drift : report.get("drifts")) {
            if (drift.get("aggregateId").asText().equals(aggregateId)) {
                return drift;
            }
        }
        throw new AssertionError("No drift of " + aggregateId + " in " + report);
    }
}
