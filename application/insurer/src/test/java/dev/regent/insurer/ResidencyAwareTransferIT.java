package dev.regent.insurer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.regent.insurer.support.RegentClient;
import dev.regent.insurer.support.RegentClient.Answer;
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
 * A transfer moves personal data only as the residency policy lets the new owner see it: a customer who moves
 * abroad takes her data with her; any other transfer of data the policy would not share is refused, naming it, unless
 * an operator states a legal basis, which the history keeps. Afterwards every region shows the new owner, and the new
 * owner shows its own data, not the former owner's protected form of it.
 */
class ResidencyAwareTransferIT {

    private final RegentClient api = ThreeRegions.client();

    @Test
    void aTransferThatWouldCarryPersonalDataThePolicyDoesNotShare_isRefused_namingEachEventAndField() {
        String id = frenchCustomerKnownEverywhere("Stays Put");

        Answer refused = api.post(US, "/ownership/" + id + "/transfer",
                Map.of("toRegion", APAC, "reason", "cheaper servers"));

        assertThat(refused.status()).as(refused.body().toString()).isEqualTo(409);
        assertThat(refused.text("detail")).contains("legal basis").contains("CustomerRegisteredEvent.name");
        assertThat(refused.body().get("exposed").findValuesAsText("field")).contains("name", "email", "phone");
        assertThat(refused.body().get("exposed").findValuesAsText("action")).containsOnly("REDACT");
        for (String region : List.of(EU, US, APAC)) {
            assertThat(ownerIn(region, id)).as(region).isEqualTo("eu@1");
        }
        assertThat(ThreeRegions.database(EU).queryForObject("select count(*) from regent_pending_handover "
                + "where aggregate_id = ?", Integer.class, id)).as("the release was undone").isZero();
        assertThat(api.put(EU, "/customers/" + id + "/contact", Map.of("email", "still-eu@example.fr")).status())
                .isEqualTo(200);
    }

    @Test
    void withALegalBasis_theTransferMovesTheData_recordsIt_andEveryRegionShowsTheNewOwner() {
        String id = frenchCustomerKnownEverywhere("Legal Basis");

        Answer moved = api.post(EU, "/ownership/" + id + "/transfer", Map.of("toRegion", APAC,
                "reason", "servicing moves to Singapore", "legalBasis", "standard contractual clauses, DPA-17"));

        assertThat(moved.status()).as(moved.body().toString()).isEqualTo(200);
        JsonNode history = api.get(APAC, "/audit/CustomerIdentity/" + id).body().get("ownership");
        JsonNode last = history.get(history.size() - 1);
        assertThat(last.get("legalBasis").asText()).isEqualTo("standard contractual clauses, DPA-17");
        assertThat(last.get("owner").asText()).isEqualTo(APAC);
        everyRegionShowsOwner(id, APAC);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(api.get(APAC, "/customers/" + id)
                .text("name")).as("the new owner reads its own data").isEqualTo("Legal Basis"));
    }

    @Test
    void aCustomerWhoMovesAbroad_isRelocatedWithHerData_toHerNewHomeRegion() {
        String id = api.post(EU, "/customers", customer("Moves To Singapore", "DE")).text("customerId");
        await().atMost(Duration.ofSeconds(15)).until(() -> api.get(US, "/customers/" + id).status() == 200);

        Answer moved = api.put(US, "/customers/" + id + "/domicile", Map.of("domicile", "SG"));

        assertThat(moved.status()).as(moved.body().toString()).isEqualTo(200);
        assertThat(moved.text("homeRegion")).isEqualTo(APAC);
        everyRegionShowsOwner(id, APAC);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode atHome = api.get(APAC, "/customers/" + id).body();
            assertThat(atHome.get("name").asText()).isEqualTo("Moves To Singapore");
            assertThat(atHome.get("domicile").asText()).isEqualTo("SG");
            assertThat(api.get(EU, "/customers/" + id).text("name")).as("apac's data, as apac's policy shows it to eu")
                    .startsWith("enc:");
        });
        JsonNode history = api.get(APAC, "/audit/CustomerIdentity/" + id).body().get("ownership");
        JsonNode relocation = history.get(history.size() - 1);
        assertThat(relocation.get("reason").asText()).contains("relocation").contains("SG");
        assertThat(relocation.get("requestedBy").asText()).isEqualTo("region eu");
        assertThat(api.put(EU, "/customers/" + id + "/contact", Map.of("email", "sg@example.sg")).status())
                .as("changes now go to her new home").isEqualTo(200);
        assertThat(OwnerOutageFailoverIT.eventTypesIn(APAC, id)).endsWith("CustomerContactChangedEvent");
    }

    @Test
    void aDomicileNoRegionIsHomeFor_isRefusedUpFront_andNothingMoves() {
        String id = frenchCustomerKnownEverywhere("Moves To Brazil");

        Answer refused = api.put(EU, "/customers/" + id + "/domicile", Map.of("domicile", "BR"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("errors").findValuesAsText("field")).containsExactly("domicile");
        assertThat(ownerIn(EU, id)).isEqualTo("eu@1");
    }

    private String frenchCustomerKnownEverywhere(String name) {
        String id = api.post(EU, "/customers", customer(name, "FR")).text("customerId");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            for (String region : List.of(US, APAC)) {
                assertThat(api.get(region, "/customers/" + id).status()).isEqualTo(200);
                assertThat(ownerIn(region, id)).isEqualTo("eu@1");
            }
        });
        return id;
    }

    private void everyRegionShowsOwner(String id, String owner) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String region : List.of(EU, US, APAC)) {
                assertThat(api.get(region, "/ownership/" + id).text("ownerRegion")).as(region).isEqualTo(owner);
                assertThat(api.get(region, "/customers/" + id).text("ownerRegion")).as(region).isEqualTo(owner);
            }
        });
    }

    private static String ownerIn(String region, String id) {
        List<String> rows = ThreeRegions.database(region).queryForList("select owner_region || '@' || epoch "
                + "from regent_ownership where aggregate_id = ?", String.class, id);
        return rows.isEmpty() ? "none" : rows.get(0);
    }
}
