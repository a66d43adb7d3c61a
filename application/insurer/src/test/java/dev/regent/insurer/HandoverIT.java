package dev.regent.insurer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.regent.insurer.support.PeerCaller;
import dev.regent.insurer.support.RegentClient;
import dev.regent.insurer.support.ThreeRegions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.regent.insurer.support.InsurerFixture.customer;
import static dev.regent.insurer.support.ThreeRegions.APAC;
import static dev.regent.insurer.support.ThreeRegions.EU;
import static dev.regent.insurer.support.ThreeRegions.US;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A planned transfer is a handover under a deadline (5 s in the tests): a new owner that crashes between the release
 * and the takeover, or a release that was never a real handover, must not leave the aggregate without an owner. The
 * former owner takes it back under a higher epoch, and every region converges to exactly one owner.
 */
class HandoverIT {

    private final RegentClient api = ThreeRegions.client();

    @Test
    void aReleaseTheNewOwnerNeverCompletes_isTakenBack_andEveryRegionAgreesOnOneOwner() {
        String id = frenchCustomerKnownEverywhere("Never Taken Over");

        PeerCaller.Answer released = PeerCaller.as(APAC).post(EU, "/internal/ownership/" + id + "/release",
                Map.of("toRegion", APAC, "reason", "a handover apac never completes", "legalBasis", "test"));

        assertThat(released.status()).as(released.toString()).isEqualTo(200);
        assertThat(released.body().get("epoch").asLong()).isEqualTo(2);
        assertThat(ownerIn(EU, id)).isEqualTo("apac@2");
        everyRegionSays(id, "eu@3");
        assertThat(ThreeRegions.database(APAC).queryForObject("select count(*) from regent_void_handover "
                + "where aggregate_id = ? and epoch = 2", Integer.class, id)).as("apac gave the handover up").isOne();
        assertThat(api.put(US, "/customers/" + id + "/contact", Map.of("email", "back@example.fr")).status())
                .as("writes reach the owner again").isEqualTo(200);
        JsonNode history = api.get(EU, "/audit/CustomerIdentity/" + id).body().get("ownership");
        assertThat(history.get(history.size() - 1).get("kind").asText()).isEqualTo("RECLAIMED");
        assertThat(history.get(history.size() - 1).get("reason").asText()).contains("not confirmed");
    }

    @Test
    void aNewOwnerThatCrashesBetweenReleaseAndTakeover_leavesNoOrphan_andConvergesWhenBack() {
        String id = frenchCustomerKnownEverywhere("Crashed New Owner");

        PeerCaller.Answer released = PeerCaller.as(APAC).post(EU, "/internal/ownership/" + id + "/release",
                Map.of("toRegion", APAC, "reason", "apac crashes before taking over", "legalBasis", "test"));
        ThreeRegions.region(APAC).stopService();
        try {
            assertThat(released.status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(ownerIn(EU, id)).isEqualTo("eu@3"));
            assertThat(ownerIn(US, id)).isIn("eu@1", "eu@3"); // learns it from the stream
            assertThat(api.put(EU, "/customers/" + id + "/contact", Map.of("email", "still@example.fr")).status())
                    .isEqualTo(200);
        } finally {
            ThreeRegions.region(APAC).startService();
        }
        everyRegionSays(id, "eu@3");
    }

    @Test
    void aConfirmedHandover_isSettled_andNeverTakenBackAfterItsDeadline() {
        String id = api.post(US, "/customers", customer("Settled Handover", "US")).text("customerId");
        await().atMost(Duration.ofSeconds(15)).until(() -> api.get(EU, "/ownership/" + id).status() == 200);

        assertThat(api.post(EU, "/ownership/" + id + "/transfer", Map.of("toRegion", EU, "reason", "moved"))
                .status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> ThreeRegions.database(US).queryForObject(
                "select count(*) from regent_pending_handover where aggregate_id = ?", Integer.class, id) == 0);
        await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(12))
                .until(() -> ownerIn(US, id).equals("eu@2") && ownerIn(EU, id).equals("eu@2"));
        everyRegionSays(id, "eu@2");
    }

    private String frenchCustomerKnownEverywhere(String name) {
        String id = api.post(EU, "/customers", customer(name, "FR")).text("customerId");
        everyRegionSays(id, "eu@1");
        return id;
    }

    /** Exactly one owner, the same in every region: never two, never none. */
    private static void everyRegionSays(String id, String ownerAtEpoch) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String region : List.of(EU, US, APAC)) {
                assertThat(ownerIn(region, id)).as(region).isEqualTo(ownerAtEpoch);
            }
        });
    }

    private static String ownerIn(String region, String id) {
        List<String> rows = ThreeRegions.database(region).queryForList("select owner_region || '@' || epoch "
                + "from regent_ownership where aggregate_id = ?", String.class, id);
        return rows.isEmpty() ? "none" : rows.get(0);
    }
}
