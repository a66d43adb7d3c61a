package dev.regent.insurer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.regent.insurer.support.MirroredTopics;
import dev.regent.insurer.support.OlderEventCode;
import dev.regent.insurer.support.OlderRevisions;
import dev.regent.insurer.support.RegentClient;
import dev.regent.insurer.support.RegionStores;
import dev.regent.insurer.support.ThreeRegions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.regent.insurer.support.InsurerFixture.customer;
import static dev.regent.insurer.support.ThreeRegions.APAC;
import static dev.regent.insurer.support.ThreeRegions.EU;
import static dev.regent.insurer.support.ThreeRegions.US;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rolling upgrade to {@code CustomerRegisteredEvent} revision 2 (README, "Events evolve"), with us still on the
 * code before it. While eu, upgraded, holds revision 2 back, us applies eu's registrations as ever. Released too
 * early, before us is upgraded, revision 2 is parked by us with reason {@code newer-revision} (and the customer's
 * later events behind it) instead of being read without its new field; once us is upgraded, a retry applies it all in
 * order.
 */
class RollingUpgradeIT {

    private static final Map<String, String> HOLDING_REVISION_2_BACK =
            Map.of("regent.events.written-revisions.CustomerRegisteredEvent", "1");
    private static final Map<String, String> OLDER_CODE = OlderEventCode.settings("CustomerRegisteredEvent", "1");

    private final RegentClient api = ThreeRegions.client();
    /** Regions running with changed settings, started as configured again whatever happens. */
    private final Set<String> changed = new HashSet<>();

    @Test
    void givenUsOnTheOlderCode_thenEuHoldingRevision2BackIsApplied_releasedTooEarlyIsParked_andRetriedAfterUsIsUpgraded() {
        try {
            // 1. eu runs the new code but writes revision 1 still; us runs the older code.
            restart(EU, HOLDING_REVISION_2_BACK);
            restart(US, OLDER_CODE);
            String heldBack = api.post(EU, "/customers", customer("Retenue Dupont", "FR")).text("customerId");
            for (String region : List.of(EU, APAC)) {
                assertThat(awaitCustomer(region, heldBack, 1).path("preferredLanguage").asText()).as(region)
                        .isEqualTo("fr");
            }
            awaitCustomer(US, heldBack, 1);
            assertThat(parked(heldBack)).isEmpty();
            assertThat(ThreeRegions.database(EU).queryForObject("select payload_revision from domain_event_entry "
                    + "where aggregate_identifier = ? and sequence_number = 0", String.class, heldBack))
                    .as("held back in eu's store too: eu could still go back to the older code").isEqualTo("1");
            assertThat(MirroredTopics.headers(OlderRevisions.registration(MirroredTopics.recordsKeyed(US,
                    MirroredTopics.topic(EU, US), heldBack))).get(OlderRevisions.REVISION_HEADER)).isEqualTo("1");

            // 2. eu writes revision 2 before us can read it: us parks it, and the customer's next event behind it.
            restart(EU, Map.of());
            String tooEarly = api.post(EU, "/customers", customer("Trop Tôt", "FR")).text("customerId");
            assertThat(api.put(EU, "/customers/" + tooEarly + "/contact", Map.of("email", "trop.tot@example.fr"))
                    .status()).isEqualTo(200);
            for (String region : List.of(EU, APAC)) {
                assertThat(awaitCustomer(region, tooEarly, 2).path("preferredLanguage").asText()).as(region)
                        .isEqualTo("fr");
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> parked(tooEarly).size() == 2);
            JsonNode registration = parked(tooEarly).get(0);
            assertThat(registration.get("sequenceNumber").asLong()).isZero();
            assertThat(registration.get("reason").asText()).isEqualTo("newer-revision");
            assertThat(registration.get("payloadRevision").asText()).isEqualTo("2");
            assertThat(registration.get("detail").asText()).contains("revision 2");
            assertThat(parked(tooEarly).get(1).get("reason").asText()).isEqualTo("waiting-behind");
            RegentClient.Answer notShown = api.get(US, "/customers/" + tooEarly);
            assertThat(notShown.status()).as("not shown without its new field, and saying why").isEqualTo(500);
            assertThat(notShown.body().get("reason").asText()).isEqualTo("newer-revision");
            assertThat(notShown.body().toString()).doesNotContain("Trop");
            assertThat(api.metrics(US)).contains(
                    "regent_projection_parked_total{aggregate=\"CustomerIdentity\",reason=\"newer-revision\"");
            assertThat(api.post(US, "/dead-letters/customers/retry", Map.of("reason", "too early")).status())
                    .isEqualTo(200);
            assertThat(parked(tooEarly)).as("a retry before the upgrade changes nothing").hasSize(2);

            // 3. us is upgraded; a retry applies what it parked, in order.
            restart(US, Map.of());
            RegentClient.Answer retried = api.post(US, "/dead-letters/customers/retry",
                    Map.of("reason", "upgraded to CustomerRegisteredEvent revision 2"));
            assertThat(retried.status()).isEqualTo(200);
            assertThat(retried.body().get("aggregatesCleared").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(parked(tooEarly)).isEmpty();
            JsonNode applied = awaitCustomer(US, tooEarly, 2);
            assertThat(applied.get("preferredLanguage").asText()).isEqualTo("fr");
            assertThat(applied.get("email").asText()).as("eu's ciphertext of the new email").startsWith("enc:v1:");
        } finally {
            for (String region : List.copyOf(changed)) {
                restart(region, Map.of());
            }
        }
        RegionStores.assertHealthy(api);
    }

    /** Stops the region's service and starts it with {@code settings} changed; none: as configured. */
    private void restart(String region, Map<String, String> settings) {
        ThreeRegions.region(region).stopService();
        ThreeRegions.region(region).startService(settings);
        if (settings.isEmpty()) {
            changed.remove(region);
        } else {
            changed.add(region);
        }
    }

    /** The letters us parked for one customer, in sequence order. */
    private List<JsonNode> parked(String customerId) {
        List<JsonNode> letters = new ArrayList<>();
        api.get(US, "/dead-letters?view=customers").body().forEach(letter -> {
            if (letter.get("aggregateId").asText().equals(customerId)) {
                letters.add(letter);
            }
        });
        letters.sort((a, b) -> Long.compare(a.get("sequenceNumber").asLong(), b.get("sequenceNumber").asLong()));
        return letters;
    }

    private JsonNode awaitCustomer(String region, String customerId, long version) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            RegentClient.Answer read = api.get(region, "/customers/" + customerId);
            return read.status() == 200 && read.body().get("version").asLong() == version;
        });
        return api.get(region, "/customers/" + customerId).body();
    }
}
