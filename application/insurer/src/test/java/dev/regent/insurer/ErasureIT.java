package dev.regent.insurer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.regent.insurer.support.RegentClient;
import dev.regent.insurer.support.ThreeRegions;
import dev.regent.insurer.views.identity.CustomerProjection;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;

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

/** The right to be forgotten: crypto-shredding at the owner, erased everywhere, and no rebuild brings it back. */
class ErasureIT {

    private static final List<String> ALL = List.of(EU, US, APAC);
    private final RegentClient api = ThreeRegions.client();

    @Test
    void erasingAnEuCustomer_erasesTheirPersonalDataEverywhere_forGood_andLeavesOthersUntouched() {
        String erased = api.post(APAC, "/customers", customer("Zoé Oubli", "FR")).text("customerId");
        String kept = api.post(APAC, "/customers", customer("Léon Reste", "FR")).text("customerId");
        Map<String, JsonNode> keptBefore = new HashMap<>();
        for (String region : ALL) {
            await().atMost(Duration.ofSeconds(10)).until(() -> api.get(region, "/customers/" + erased).status() == 200
                    && api.get(region, "/customers/" + kept).status() == 200);
            keptBefore.put(region, api.get(region, "/customers/" + kept).body());
        }
        long eventsBefore = ThreeRegionsEndToEndIT.eventsIn(EU, erased);

        assertThat(api.send(US, "DELETE", "/customers/" + erased + "/personal-data", null).status()).isEqualTo(204);

        for (String region : ALL) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertErased(region, erased));
            assertThat(api.get(region, "/customers/" + kept).body()).isEqualTo(keptBefore.get(region));
        }
        assertThat(ThreeRegionsEndToEndIT.eventsIn(EU, erased)).as("history is kept").isEqualTo(eventsBefore + 1);
        assertThat(ThreeRegions.database(EU).queryForObject(
                "select wrapped_key is null from regent_subject_key where subject_id = ?", Boolean.class, erased))
                .as("the key is shredded").isTrue();
        assertThat(api.put(US, "/customers/" + erased + "/contact", Map.of("email", "back@example.fr")).status())
                .isEqualTo(409);

        // Rebuild every region's customer projection from the logs: the owner's store, the mirrored topics.
        for (String region : ALL) {
            rebuildCustomers(region);
        }
        for (String region : ALL) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertErased(region, erased);
                RegentClient.Answer keptNow = api.get(region, "/customers/" + kept);
                assertThat(keptNow.status()).isEqualTo(200);
                assertThat(keptNow.body()).isEqualTo(keptBefore.get(region));
            });
        }
    }

    private void assertErased(String region, String customerId) {
        RegentClient.Answer read = api.get(region, "/customers/" + customerId);
        assertThat(read.status()).as("while rebuilding, a row not back yet is 503").isEqualTo(200);
        JsonNode customer = read.body();
        assertThat(customer.get("name").asText()).isEqualTo("[ERASED]");
        assertThat(customer.get("email").asText()).isEqualTo("[ERASED]");
        assertThat(customer.get("phone").asText()).isEqualTo("[ERASED]");
        assertThat(customer.get("domicile").asText()).isEqualTo("FR");
    }

    private static void rebuildCustomers(String region) {
        TrackingEventProcessor processor = ThreeRegions.region(region).bean(EventProcessingConfiguration.class)
                .eventProcessor(CustomerProjection.VIEW, TrackingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
    }
}
