package dev.regent.insurer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.regent.insurer.support.RegentClient;
import dev.regent.insurer.support.RegentClient.Answer;
import dev.regent.insurer.support.ThreeRegions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.regent.insurer.support.InsurerFixture.customer;
import static dev.regent.insurer.support.ThreeRegions.EU;
import static dev.regent.insurer.support.ThreeRegions.US;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What was true, and who owned it, at any moment; and read models rebuilt from the logs come out identical. */
class AuditAndRebuildIT {

    private final RegentClient api = ThreeRegions.client();

    /** What the API answered at one moment. */
    record Observed(Instant at, JsonNode customer) {
    }

    @Test
    void theAuditOfAnyInstantEqualsWhatTheApiAnsweredThen_withTrailAndOwnership() {
        String id = api.post(US, "/customers", customer("Émile Zola", "FR")).text("customerId");
        List<Observed> observed = new ArrayList<>();
        observed.add(observe(id, 1));
        for (String email : List.of("emile@example.fr", "zola@example.fr")) {
            assertThat(api.put(EU, "/customers/" + id + "/contact", Map.of("email", email)).status()).isEqualTo(200);
            observed.add(observe(id, observed.size() + 1));
        }

        for (Observed then : observed) {
            JsonNode audit = api.get(EU, "/audit/CustomerIdentity/" + id + "?asOf=" + then.at()).body();
            assertThat(audit.get("version").asLong()).isEqualTo(then.customer().get("version").asLong());
            for (String field : List.of("name", "email", "phone", "domicile")) {
                assertThat(audit.at("/state/" + field)).as(field).isEqualTo(then.customer().get(field));
            }
        }
        JsonNode first = api.get(EU, "/audit/CustomerIdentity/" + id + "?atSequence=0").body();
        assertThat(first.at("/state/email").asText()).isEqualTo(observed.get(0).customer().get("email").asText());
        JsonNode now = api.get(EU, "/audit/CustomerIdentity/" + id).body();
        assertThat(now.get("events")).hasSize(3);
        JsonNode registered = now.get("events").get(0);
        assertThat(registered.get("type").asText()).isEqualTo("CustomerRegisteredEvent");
        assertThat(registered.get("originRegion").asText()).isEqualTo(EU);
        assertThat(registered.get("epoch").asLong()).isEqualTo(1);
        assertThat(registered.get("acceptedRegion").asText()).isEqualTo(US);
        assertThat(registered.at("/payload/name").asText()).isEqualTo("Émile Zola");
        assertThat(now.get("ownership")).hasSize(1);
        assertThat(now.at("/ownership/0/owner").asText()).isEqualTo(EU);
        assertThat(now.at("/ownership/0/kind").asText()).isEqualTo("ASSIGNED");

        Answer elsewhere = api.get(US, "/audit/CustomerIdentity/" + id);
        assertThat(elsewhere.status()).isEqualTo(409);
        assertThat(elsewhere.text("ownerRegion")).isEqualTo(EU);
        assertThat(api.get(EU, "/audit/CustomerIdentity/" + id + "?asOf=yesterday").status()).isEqualTo(400);
        assertThat(api.get(EU, "/audit/Policy/" + id).status()).isEqualTo(404);
    }

    @Test
    void aRebuiltReadModelIsIdenticalToTheIncrementallyBuiltOne_andProgressIsReported() {
        String id = api.post(EU, "/customers", customer("Rebuilt Twice", "FR")).text("customerId");
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get(US, "/customers/" + id).status() == 200);
        for (String region : List.of(EU, US)) {
            List<Map<String, Object>> before = rows(region);

            Answer started = api.post(region, "/projections/customers/rebuild", Map.of());
            assertThat(started.status()).isEqualTo(202);
            // Events appended after the start end the replay: the rebuild reaches its target and goes live.
            api.post(EU, "/customers", customer("After The Rebuild", "DE"));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode status = api.get(region, "/projections/customers").body();
                assertThat(status.get("rebuilding").asBoolean()).isFalse();
                assertThat(status.get("percent").asDouble()).isEqualTo(100.0);
            });
            List<Map<String, Object>> after = rows(region);
            assertThat(after).as("rebuilt in " + region).containsAll(before);
        }
        assertThat(api.get(US, "/projections").body().findValuesAsText("view")).contains("customers", "policies",
                "claims");
        assertThat(api.post(US, "/projections/nothing/rebuild", Map.of()).status()).isEqualTo(404);
    }

    private Observed observe(String id, long version) {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            Answer read = api.get(EU, "/customers/" + id);
            return read.status() == 200 && read.body().get("version").asLong() == version;
        });
        JsonNode customer = api.get(EU, "/customers/" + id).body();
        Instant at = Instant.now();
        await().pollDelay(Duration.ofMillis(20)).atMost(Duration.ofSeconds(1)).until(() -> Instant.now().isAfter(at));
        return new Observed(at, customer);
    }

    private static List<Map<String, Object>> rows(String region) {
        return ThreeRegions.database(region).queryForList("select aggregate_id, owner_region, owner_epoch, "
                + "last_sequence, state::text as state, last_event_id, last_event_at from regent_view "
                + "where view_name = 'customers' order by aggregate_id");
    }
}
