package dev.regent.application;

import com.fasterxml.jackson.databind.JsonNode;
import dev.regent.application.support.MirroredTopics;
import dev.regent.application.support.OlderEventCode;
import dev.regent.application.support.OlderRevisions;
import dev.regent.application.support.RegentClient;
import dev.regent.application.support.RegionStores;
import dev.regent.application.support.ThreeRegions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.regent.application.support.InsurerFixture.customer;
import static dev.regent.application.support.ThreeRegions.APAC;
import static dev.regent.application.support.ThreeRegions.EU;
import static dev.regent.application.support.ThreeRegions.US;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rolling upgrade done in the wrong order (README, "Events evolve"): eu already runs the code that writes
 * {@code CustomerRegisteredEvent} revision 2 while us still runs the code before it. us keeps reading what it knows,
 * parks the new revision with reason {@code newer-revision} (and the customer's later events behind it) instead of
 * reading it without its new field, and applies all of it in order when, upgraded, it is asked to retry.
 */
class RollingUpgradeIT {

    private final RegentClient api = ThreeRegions.client();

    @Test
    void givenUsStillOnTheOlderCode_whenEuWritesTheNewRevision_thenUsParksIt_andAppliesItByARetryAfterItsUpgrade() {
        String known = api.post(EU, "/customers", customer("Avant Mise-à-jour", "FR")).text("customerId");
        awaitCustomer(US, known, 1);
        String fromOlderOwner = "older-" + UUID.randomUUID();
        String upgraded;

        ThreeRegions.region(US).stopService();
        ThreeRegions.region(US).startService(OlderEventCode.settings("CustomerRegisteredEvent", "1"));
        try {
            // The older code still reads the revision it knows, as its own code always did: no language.
            MirroredTopics.write(US, List.of(OlderRevisions.mirroredRegistrationAsRevision1(OlderRevisions
                    .registration(MirroredTopics.recordsKeyed(US, MirroredTopics.topic(EU, US), known)),
                    fromOlderOwner)));
            assertThat(awaitCustomer(US, fromOlderOwner, 1).path("preferredLanguage").isTextual()).isFalse();

            upgraded = api.post(EU, "/customers", customer("Nouvelle Écriture", "FR")).text("customerId");
            assertThat(api.put(EU, "/customers/" + upgraded + "/contact", Map.of("email", "ecrite@example.fr"))
                    .status()).isEqualTo(200);
            for (String region : List.of(EU, APAC)) {
                assertThat(awaitCustomer(region, upgraded, 2).path("preferredLanguage").asText()).as(region)
                        .isEqualTo("fr");
            }

            await().atMost(Duration.ofSeconds(30)).until(() -> parked(upgraded).size() == 2);
            JsonNode registration = parked(upgraded).get(0);
            assertThat(registration.get("sequenceNumber").asLong()).isZero();
            assertThat(registration.get("reason").asText()).isEqualTo("newer-revision");
            assertThat(registration.get("payloadRevision").asText()).isEqualTo("2");
            assertThat(registration.get("detail").asText()).contains("revision 2");
            assertThat(parked(upgraded).get(1).get("reason").asText()).isEqualTo("waiting-behind");
            assertThat(api.get(US, "/customers/" + upgraded).status()).as("not shown without its new field")
                    .isEqualTo(404);
            assertThat(api.metrics(US)).contains(
                    "regent_projection_parked_total{aggregate=\"CustomerIdentity\",reason=\"newer-revision\"");

            // Retrying before the upgrade changes nothing.
            assertThat(api.post(US, "/dead-letters/customers/retry", Map.of("reason", "too early")).status())
                    .isEqualTo(200);
            assertThat(parked(upgraded)).hasSize(2);
        } finally {
            // The upgrade: us runs the current code again.
            ThreeRegions.region(US).stopService();
            ThreeRegions.region(US).startService();
        }

        RegentClient.Answer retried = api.post(US, "/dead-letters/customers/retry",
                Map.of("reason", "upgraded to CustomerRegisteredEvent revision 2"));
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.body().get("aggregatesCleared").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(parked(upgraded)).isEmpty();
        JsonNode applied = awaitCustomer(US, upgraded, 2);
        assertThat(applied.get("preferredLanguage").asText()).isEqualTo("fr");
        assertThat(applied.get("email").asText()).as("eu's ciphertext of the changed email").startsWith("enc:v1:");
        assertThat(awaitCustomer(US, known, 1).get("preferredLanguage").asText()).isEqualTo("fr");
        RegionStores.assertHealthy(api);
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
