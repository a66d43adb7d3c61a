package dev.regent.application;

import dev.regent.application.support.RegentClient;
import dev.regent.application.support.RegentClient.Answer;
import dev.regent.application.support.ThreeRegions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static dev.regent.application.ThreeRegionsEndToEndIT.eventsIn;
import static dev.regent.application.support.InsurerFixture.customer;
import static dev.regent.application.support.ThreeRegions.EU;
import static dev.regent.application.support.ThreeRegions.US;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** When the owner region's service is down, a routed command fails fast and names the owner; nothing is written. */
class OwnerOutageIT {

    private final RegentClient api = ThreeRegions.client();

    @Test
    void givenTheOwnerIsDown_whenAChangeIsRoutedToIt_then503NamesTheOwner_andAfterRecoveryItIsApplied() {
        String id = api.post(EU, "/customers", customer("Amélie Poulain", "FR")).text("customerId");
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get(US, "/customers/" + id).status() == 200);

        ThreeRegions.region(EU).stopService();
        try {
            Answer refused = api.put(US, "/customers/" + id + "/contact", Map.of("phone", "+33 6 11 22 33 44"));

            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.text("ownerRegion")).isEqualTo(EU);
            assertThat(refused.text("failoverPolicy")).isEqualTo("REJECT");
            assertThat(refused.text("detail")).contains("Owner region eu did not answer ChangeCustomerContactCommand");
            assertThat(eventsIn(US, id)).isZero();
            assertThat(api.get(US, "/customers/" + id).body().get("version").asLong()).isEqualTo(1);
        } finally {
            ThreeRegions.region(EU).startService();
        }

        Answer applied = api.put(US, "/customers/" + id + "/contact", Map.of("phone", "+33 6 11 22 33 44"));
        assertThat(applied.status()).isEqualTo(200);
        assertThat(applied.body().get("version").asLong()).isEqualTo(2);
        assertThat(eventsIn(EU, id)).isEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                api.get(US, "/customers/" + id).body().get("version").asLong() == 2);
    }
}
