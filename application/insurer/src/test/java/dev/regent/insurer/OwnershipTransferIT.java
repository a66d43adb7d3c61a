package dev.regent.insurer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.regent.insurer.support.RegentClient;
import dev.regent.insurer.support.RegentClient.Answer;
import dev.regent.insurer.support.ThreeRegions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.regent.insurer.OwnerOutageFailoverIT.eventTypesIn;
import static dev.regent.insurer.support.InsurerFixture.customer;
import static dev.regent.insurer.support.InsurerFixture.policy;
import static dev.regent.insurer.support.ThreeRegions.APAC;
import static dev.regent.insurer.support.ThreeRegions.EU;
import static dev.regent.insurer.support.ThreeRegions.US;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Ownership moves under a new epoch: planned while both regions are up (nothing lost or applied twice, even under
 * concurrent writes), or forced while the owner is cut off (split brain: one owner's stream per epoch, the cut-off
 * owner's writes reported, not merged).
 */
class OwnershipTransferIT {

    private final RegentClient api = ThreeRegions.client();

    /** One contact change sent during the transfer, and what its sender was told. */
    record Write(String via, String email, int status) {
    }

    @Test
    void aPlannedRelocationUnderConcurrentWrites_losesAndDuplicatesNothing() throws Exception {
        String id = api.post(EU, "/customers", customer("Relocating Customer", "FR")).text("customerId");
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get(US, "/customers/" + id).status() == 200);
        CountDownLatch warmedUp = new CountDownLatch(5);
        CompletableFuture<List<Write>> writes = CompletableFuture.supplyAsync(() -> {
            List<Write> sent = new ArrayList<>();
            for (int n = 0; n < 30; n++) {
                String via = n % 2 == 0 ? EU : US;
                String email = "writer-" + n + "@example.fr";
                sent.add(new Write(via, email, settled(via, api.put(via, "/customers/" + id + "/contact",
                        Map.of("email", email)))));
                warmedUp.countDown();
            }
            return sent;
        });
        assertThat(warmedUp.await(30, TimeUnit.SECONDS)).isTrue();

        Answer transferred = api.post(US, "/ownership/" + id + "/transfer", Map.of("toRegion", APAC,
                "reason", "servicing moves to Singapore", "legalBasis", "customer's written consent, ticket 4711"));

        assertThat(transferred.status()).as(transferred.body().toString()).isEqualTo(200);
        assertThat(transferred.text("mode")).isEqualTo("PLANNED");
        assertThat(transferred.body().get("epoch").asLong()).isEqualTo(2);
        long fromSequence = transferred.body().get("fromSequence").asLong();
        List<Write> sent = writes.get(2, TimeUnit.MINUTES);
        for (String region : List.of(EU, US, APAC)) {
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                JsonNode ownership = api.get(region, "/ownership/" + id).body();
                assertThat(ownership.get("ownerRegion").asText()).isEqualTo(APAC);
                assertThat(ownership.get("epoch").asLong()).isEqualTo(2);
            });
        }

        JsonNode trail = api.get(APAC, "/audit/CustomerIdentity/" + id).body().get("events");
        List<String> applied = new ArrayList<>();
        for (int sequence = 0; sequence < trail.size(); sequence++) {
            JsonNode event = trail.get(sequence);
            assertThat(event.get("sequence").asLong()).isEqualTo(sequence);
            assertThat(event.get("epoch").asLong()).isEqualTo(sequence <= fromSequence ? 1 : 2);
            assertThat(event.get("originRegion").asText()).isEqualTo(sequence <= fromSequence ? EU : APAC);
            if (event.get("type").asText().equals("CustomerContactChangedEvent")) {
                applied.add(event.at("/payload/email").asText());
            }
        }
        List<String> accepted = sent.stream().filter(write -> write.status() == 200).map(Write::email).toList();
        assertThat(sent).allSatisfy(write -> assertThat(write.status()).as(write.toString()).isIn(200, 409));
        assertThat(applied).as("every accepted write once, none of the refused").containsExactlyElementsOf(accepted);
        assertThat(ThreeRegionsEndToEndIT.eventsIn(EU, id)).as("the former owner stopped at the handover")
                .isEqualTo(fromSequence + 1);
        assertThat(api.get(APAC, "/audit/CustomerIdentity/" + id).body().get("ownership")).hasSize(2);
        assertThat(api.put(EU, "/customers/" + id + "/contact", Map.of("email", "after@example.sg")).status())
                .as("routed to the new owner").isEqualTo(200);
    }

    @Test
    void aForcedTakeoverDuringAPartition_fencesTheCutOffOwner_andReportsItsWrites() {
        // A US customer: the policy shares US personal data with eu, so eu holds all it needs to take over.
        String id = api.post(US, "/customers", customer("Split Brain", "US")).text("customerId");
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get(EU, "/customers/" + id).status() == 200);
        ThreeRegions.topology().mirrorMaker().stop();
        long fromSequence;
        try {
            Answer forced = api.post(EU, "/ownership/" + id + "/transfer",
                    Map.of("toRegion", EU, "reason", "us cut off", "force", true));
            assertThat(forced.status()).as(forced.body().toString()).isEqualTo(200);
            assertThat(forced.text("mode")).isEqualTo("FORCED");
            fromSequence = forced.body().get("fromSequence").asLong();

            assertThat(api.put(US, "/customers/" + id + "/contact", Map.of("email", "us-side@example.com")).status())
                    .as("the cut-off owner does not know yet").isEqualTo(200);
            assertThat(api.put(EU, "/customers/" + id + "/contact", Map.of("email", "eu-side@example.com")).status())
                    .isEqualTo(200);
        } finally {
            ThreeRegions.topology().mirrorMaker().restart();
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(api.get(US, "/ownership/" + id).text("ownerRegion")).isEqualTo(EU);
            JsonNode fenced = api.get(US, "/ownership/" + id + "/fenced-writes").body();
            assertThat(fenced).hasSize(1);
            assertThat(fenced.at("/0/sequence").asLong()).isEqualTo(fromSequence + 1);
            assertThat(fenced.at("/0/epoch").asLong()).isEqualTo(1);
            assertThat(fenced.at("/0/newOwner").asText()).isEqualTo(EU);
        });
        assertThat(originsByEpoch(EU, id)).containsExactly("1:us", "2:eu");
        assertThat(originsByEpoch(US, id)).containsExactly("1:us");
        assertThat(eventTypesIn(EU, id)).hasSize((int) fromSequence + 2);
        assertThat(api.get(EU, "/customers/" + id).text("email")).isEqualTo("eu-side@example.com");

        Answer afterHealing = api.put(US, "/customers/" + id + "/contact", Map.of("email", "healed@example.com"));
        assertThat(afterHealing.status()).as("routed to the new owner").isEqualTo(200);
        assertThat(eventTypesIn(EU, id)).hasSize((int) fromSequence + 3);
        assertThat(api.metrics(US)).containsPattern("regent_ownership_fenced_writes_total\\S* 1.0");
    }

    @Test
    void aForcedTakeoverOfDataThatNeverLeftItsRegion_isRefusedWithTheReason() {
        String id = api.post(EU, "/customers", customer("Stays In Europe", "FR")).text("customerId");
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get(APAC, "/customers/" + id).status() == 200);

        Answer refused = api.post(APAC, "/ownership/" + id + "/transfer",
                Map.of("toRegion", APAC, "reason", "eu is down", "force", true));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("detail")).contains("REDACT").contains("planned transfer");
        assertThat(api.get(APAC, "/ownership/" + id).text("ownerRegion")).isEqualTo(EU);
        assertThat(api.post(EU, "/ownership/" + id + "/transfer", Map.of("toRegion", EU, "reason", "again"))
                .status()).isEqualTo(409);
        assertThat(api.post(EU, "/ownership/" + id + "/transfer", Map.of("toRegion", "mars", "reason", "x"))
                .status()).isEqualTo(400);
    }

    @Test
    void aBulkTransfer_movesEveryAggregateOfATypeThatARegionOwns() {
        String customerId = api.post(US, "/customers", customer("Many Policies", "US")).text("customerId");
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get(US, "/ownership/" + customerId).status() == 200);
        List<String> policies = List.of(
                api.post(US, "/policies", policy(customerId, 5_000)).text("policyId"),
                api.post(US, "/policies", policy(customerId, 7_000)).text("policyId"));
        for (String policy : policies) {
            await().atMost(Duration.ofSeconds(10)).until(() -> api.get(EU, "/policies/" + policy).status() == 200);
        }

        Answer moved = api.post(APAC, "/ownership/transfers", Map.of("fromRegion", US, "toRegion", EU,
                "aggregateType", "Policy", "reason", "us data centre retired"));

        assertThat(moved.status()).as(moved.body().toString()).isEqualTo(200);
        assertThat(moved.body().get("refused")).isEmpty();
        assertThat(moved.body().get("transferred").findValuesAsText("aggregateId")).containsAll(policies);
        for (String policy : policies) {
            JsonNode ownership = api.get(EU, "/ownership/" + policy).body();
            assertThat(ownership.get("ownerRegion").asText()).isEqualTo(EU);
            assertThat(ownership.get("epoch").asLong()).isEqualTo(2);
            assertThat(eventTypesIn(EU, policy)).containsExactly("PolicyIssuedEvent");
        }
        assertThat(api.get(US, "/ownership/" + customerId).text("ownerRegion")).as("other types stay").isEqualTo(US);
    }

    /** The status a write ends with: a slow owner's 202 is followed to APPLIED (200) or REJECTED (409). */
    private int settled(String via, Answer answer) {
        if (answer.status() != 202) {
            return answer.status();
        }
        String request = "/requests/" + answer.text("requestId");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                List.of("APPLIED", "REJECTED").contains(api.get(via, request).text("status")));
        return api.get(via, request).text("status").equals("APPLIED") ? 200 : 409;
    }

    /** "epoch:origin" of each distinct (epoch, origin region) in a region's store, by epoch. */
    private static List<String> originsByEpoch(String region, String aggregateId) {
        return ThreeRegions.database(region).queryForList("""
                select distinct (convert_from(meta_data, 'UTF8')::jsonb ->> 'regent-owner-epoch') || ':'
                       || (convert_from(meta_data, 'UTF8')::jsonb ->> 'regent-origin-region') as origin
                  from domain_event_entry where aggregate_identifier = ? order by 1
                """, String.class, aggregateId);
    }
}
