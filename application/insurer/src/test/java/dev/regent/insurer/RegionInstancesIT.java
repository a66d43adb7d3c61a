package dev.regent.insurer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.regent.insurer.support.RegentClient;
import dev.regent.insurer.support.RegentClient.Answer;
import dev.regent.insurer.support.ThreeRegions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.regent.insurer.support.ThreeRegions.EU;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What an operator sees of a region's instances: the live ones, where they are reached, the work each holds. */
class RegionInstancesIT {

    private final RegentClient api = ThreeRegions.client();

    @Test
    void aRegionListsItsInstance_withItsUrls_andTheOncePerRegionWorkItHolds() {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            Answer answer = api.get(EU, "/region/instances");
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.text("region")).isEqualTo(EU);
            JsonNode instances = answer.body().get("instances");
            assertThat(instances).hasSize(1);
            JsonNode instance = instances.get(0);
            assertThat(instance.get("instanceId").asText()).isEqualTo(answer.text("answeredBy")).startsWith("eu-");
            assertThat(instance.get("publicUrl").asText()).startsWith("http");
            assertThat(instance.get("peerUrl").asText()).startsWith("http");
            List<String> leases = new ArrayList<>();
            instance.get("leases").forEach(lease -> leases.add(lease.asText()));
            assertThat(leases).contains("job:delivery-of-kept-commands", "job:publishing-what-thawed-freezes-held",
                    "job:taking-back-overdue-handovers");
        });
    }
}
