package dev.regent.insurer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.regent.insurer.support.RegentClient;
import dev.regent.insurer.support.RegentClient.Answer;
import dev.regent.insurer.support.ThreeRegions;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static dev.regent.insurer.support.InsurerFixture.customer;
import static dev.regent.insurer.support.ThreeRegions.APAC;
import static dev.regent.insurer.support.ThreeRegions.EU;
import static dev.regent.insurer.support.ThreeRegions.US;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A read model rebuilt beside the live one, on the owner's view (from its store) and on a replica's (from the mirrored
 * topic): the difference names exactly the rows that are wrong, a swap repairs them without losing what the live view
 * applied meanwhile, a shadow as of an instant shows that instant and cannot be swapped in, a discard leaves nothing.
 */
class ShadowRebuildIT {

    private static final String SHADOW = "/projections/customers/shadow";

    private final RegentClient api = ThreeRegions.client();

    @Test
    void theDifferenceNamesExactlyTheDamagedRow_andASwapRepairsIt_losingNothingAppliedDuringTheBuild() {
        String damaged = euCustomer("Damaged Row");
        String changedDuringBuild = euCustomer("Changed During Build");
        for (String region : List.of(EU, US)) {
            JdbcTemplate database = ThreeRegions.database(region);
            await().atMost(Duration.ofSeconds(15)).until(() -> version(region, changedDuringBuild)
                    == version(EU, changedDuringBuild));
            // What other tests left behind in this shared lab, so that only this test's damage is counted.
            JsonNode before = builtShadow(region, null);
            assertThat(api.send(region, "DELETE", SHADOW, null).status()).isEqualTo(204);
            assertThat(shadowRows(database)).as("discarded").isZero();
            // The owner's row altered, the replica's lost: a changed row, an added one.
            String kind = region.equals(EU) ? "changed" : "added";
            if (region.equals(EU)) {
                database.update("update regent_view set state = jsonb_set(state, '{domicile}', '\"XX\"') "
                        + "where view_name = 'customers' and aggregate_id = ?", damaged);
            } else {
                database.update("delete from regent_view where view_name = 'customers' and aggregate_id = ?", damaged);
            }

            JsonNode shadow = builtShadow(region, null);

            JsonNode difference = shadow.get("difference");
            for (String other : List.of("added", "changed", "removed")) {
                assertThat(difference.get(other).asLong()).as(region + " " + other)
                        .isEqualTo(before.at("/difference/" + other).asLong() + (other.equals(kind) ? 1 : 0));
            }
            assertThat(ids(difference.get(kind + "Sample"))).as(region).contains(damaged)
                    .doesNotContain(changedDuringBuild);
            assertThat(shadow.get("eventsRead").asLong()).isPositive();
            assertThat(shadow.get("percent").asDouble()).isEqualTo(100.0);
            assertThat(api.post(region, SHADOW, Map.of()).status()).as("a second shadow").isEqualTo(409);

            // A shadow started, then an event the live view applies after the shadow's end.
            assertThat(api.send(region, "DELETE", SHADOW, null).status()).isEqualTo(204);
            assertThat(api.post(region, SHADOW, Map.of("reason", "repair the damaged row")).status()).isEqualTo(202);
            String email = "during-" + region + "@example.com";
            Answer changed = api.put(EU, "/customers/" + changedDuringBuild + "/contact", Map.of("email", email));
            assertThat(changed.status()).isEqualTo(200);
            // The owner's answer: its own view may not show the change yet.
            long during = changed.body().get("version").asLong();
            await().atMost(Duration.ofSeconds(30)).until(() -> version(region, changedDuringBuild) == during);
            builtShadow(region);

            Answer swapped = api.post(region, SHADOW + "/swap", Map.of("reason", "repair the damaged row"));

            assertThat(swapped.status()).isEqualTo(200);
            assertThat(swapped.text("state")).isEqualTo("SWAPPED");
            assertThat(ids(swapped.body().at("/difference/" + kind + "Sample"))).contains(damaged);
            assertThat(ids(swapped.body().at("/difference/changedSample"))).as("the shadow ended before it")
                    .contains(changedDuringBuild);
            Answer repaired = api.get(region, "/customers/" + damaged);
            assertThat(repaired.status()).isEqualTo(200);
            assertThat(repaired.text("domicile")).isEqualTo("FR");
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(version(region, changedDuringBuild))
                    .as("applied live after the shadow's end, applied again after the swap").isEqualTo(during));
            if (region.equals(EU)) {
                assertThat(api.get(EU, "/customers/" + changedDuringBuild).text("email")).isEqualTo(email);
            }
            assertThat(shadowRows(database)).isZero();
            assertThat(api.get(region, SHADOW).status()).isEqualTo(404);
            assertThat(api.get(region, "/projections/customers").text("error")).isNull();
            // The processor goes on from the swap: a new change still arrives.
            api.put(EU, "/customers/" + changedDuringBuild + "/contact", Map.of("email", "after-" + region
                    + "@example.com"));
            await().atMost(Duration.ofSeconds(15)).until(() -> version(region, changedDuringBuild) == during + 1);
        }
        assertThat(api.get(US, "/audit/operator-actions").body().findValuesAsText("action"))
                .contains("shadow rebuild", "shadow swap", "shadow discard");
    }

    @Test
    void aShadowAsOfAnInstantShowsThatInstant_andIsNotSwappedIn() {
        String id = euCustomer("As Of Then");
        Instant then = Instant.now();
        await().pollDelay(Duration.ofMillis(20)).atMost(Duration.ofSeconds(1)).until(() -> Instant.now().isAfter(then));
        assertThat(api.put(EU, "/customers/" + id + "/contact", Map.of("email", "later@example.com")).status())
                .isEqualTo(200);
        String bornLater = euCustomer("Born Later");
        JdbcTemplate eu = ThreeRegions.database(EU);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "later@example.com".equals(api.get(EU, "/customers/" + id).text("email")));

        JsonNode shadow = builtShadow(EU, then);

        Map<String, Object> row = eu.queryForMap("select last_sequence, state ->> 'email' as email from regent_view "
                + "where view_name = 'customers~shadow' and aggregate_id = ?", id);
        assertThat(row.get("last_sequence")).as("its first event only").isEqualTo(0L);
        assertThat(row.get("email")).isNotEqualTo("later@example.com");
        assertThat(shadow.get("skippedAfterAsOf").asLong()).isPositive();
        assertThat(ids(shadow.at("/difference/changedSample"))).contains(id);
        assertThat(ids(shadow.at("/difference/removedSample"))).contains(bornLater);
        Answer refused = api.post(EU, SHADOW + "/swap", Map.of());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.text("detail")).contains("as of", "drop every event after");
        assertThat(api.get(EU, "/customers/" + id).text("email")).as("live view untouched")
                .isEqualTo("later@example.com");

        assertThat(api.send(EU, "DELETE", SHADOW, null).status()).isEqualTo(204);
        assertThat(shadowRows(eu)).isZero();
        assertThat(api.get(EU, SHADOW).status()).isEqualTo(404);
        assertThat(api.send(EU, "DELETE", SHADOW, null).status()).as("nothing left to discard").isEqualTo(204);
        assertThat(api.post(EU, "/projections/nothing/shadow", Map.of()).status()).isEqualTo(404);
        assertThat(api.post(EU, SHADOW + "?asOf=yesterday", Map.of()).status()).isEqualTo(400);
        assertThat(api.post(APAC, SHADOW + "/swap", Map.of()).status()).as("no shadow").isEqualTo(404);
    }

    private String euCustomer(String name) {
        String id = api.post(EU, "/customers", customer(name, "FR")).text("customerId");
        await().atMost(Duration.ofSeconds(15)).until(() -> api.get(US, "/customers/" + id).status() == 200
                && api.get(EU, "/customers/" + id).status() == 200);
        return id;
    }

    /** Starts a shadow (as of {@code asOf}, unless null) and waits until it is built. */
    private JsonNode builtShadow(String region, Instant asOf) {
        Answer started = api.post(region, SHADOW + (asOf == null ? "" : "?asOf=" + asOf), Map.of());
        assertThat(started.status()).as(started.body().toString()).isEqualTo(202);
        return builtShadow(region);
    }

    private JsonNode builtShadow(String region) {
        await().atMost(Duration.ofSeconds(120)).until(() -> !"BUILDING".equals(api.get(region, SHADOW).text("state")));
        JsonNode shadow = api.get(region, SHADOW).body();
        assertThat(shadow.get("state").asText()).as(shadow.toString()).isEqualTo("BUILT");
        return shadow;
    }

    private long version(String region, String customerId) {
        return api.get(region, "/customers/" + customerId).body().path("version").asLong();
    }

    private static long shadowRows(JdbcTemplate database) {
        Long rows = database.queryForObject("select count(*) from regent_view where view_name = 'customers~shadow'",
                Long.class);
        return rows == null ? 0 : rows;
    }

    private static List<String> ids(JsonNode sample) {
        return StreamSupport.stream(sample.spliterator(), false).map(JsonNode::asText).toList();
    }
}
