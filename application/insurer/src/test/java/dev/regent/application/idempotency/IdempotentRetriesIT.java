package dev.regent.application.idempotency;

import com.fasterxml.jackson.databind.JsonNode;
import dev.regent.insurer.support.RegentClient;
import dev.regent.insurer.support.RegentClient.Answer;
import dev.regent.insurer.support.ThreeRegions;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static dev.regent.insurer.support.InsurerFixture.claim;
import static dev.regent.insurer.support.InsurerFixture.customer;
import static dev.regent.insurer.support.InsurerFixture.policy;
import static dev.regent.insurer.support.ThreeRegions.APAC;
import static dev.regent.insurer.support.ThreeRegions.EU;
import static dev.regent.insurer.support.ThreeRegions.US;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client retries a write with the same {@code Idempotency-Key}: it gets the first answer again and nothing is done
 * twice — also when the first answer was lost after the owner had applied the command (a timeout, a region that
 * stopped before keeping the answer) and across a restart of the region that received it.
 */
class IdempotentRetriesIT {

    private final RegentClient api = ThreeRegions.client();

    @Test
    void givenARegistrationRoutedToItsOwner_whenRetriedWithTheSameKey_thenOneCustomer_andTheFirstAnswerAgain() {
        Map<String, String> body = customer("Retried Registration", "FR");
        String key = newKey();
        long before = lastEventIndex(EU);

        Answer first = keyed(US, "POST", "/customers", body, key);
        Answer again = keyed(US, "POST", "/customers", body, key);

        assertThat(first.status()).as(first.body().toString()).isEqualTo(201);
        assertThat(first.text("ownerRegion")).isEqualTo(EU);
        assertThat(first.header(IdempotencyFilter.REPLAYED)).isNull();
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header("Location")).isEqualTo(first.header("Location"))
                .isEqualTo("/customers/" + first.text("customerId"));
        assertThat(again.contentType()).isEqualTo(first.contentType());
        assertThat(again.header(IdempotencyFilter.REPLAYED)).isEqualTo("true");
        assertThat(registeredSince(EU, before)).containsExactly(first.text("customerId"));
    }

    @Test
    void givenAClaim_whenRetriedWithTheSameKey_thenOneClaim_reservingCoverageOnce() {
        String customerId = api.post(EU, "/customers", customer("Claimant Once", "FR")).text("customerId");
        String policyId = api.post(EU, "/policies", policy(customerId, 10_000)).text("policyId");
        Map<String, Object> body = claim(policyId, customerId, 1_500);
        String key = newKey();

        Answer first = keyed(EU, "POST", "/claims", body, key);
        Answer again = keyed(EU, "POST", "/claims", body, key);

        assertThat(first.status()).as(first.body().toString()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header("Location")).isEqualTo("/claims/" + first.text("claimId"));
        assertThat(awaitDecision(EU, first.text("claimId"))).isEqualTo("APPROVED");
        assertThat(claimsOn(EU, policyId)).containsExactly(first.text("claimId"));
        assertThat(eventsOfType(EU, policyId, "CoverageReservedEvent")).isEqualTo(1);
    }

    @Test
    void givenAKeyUsedOnce_whenSentWithAnotherBodyOrForAnotherPath_then422_andTheFirstAnswerStays() {
        String key = newKey();
        Answer first = keyed(EU, "POST", "/customers", customer("Key Owner", "FR"), key);

        Answer otherBody = keyed(EU, "POST", "/customers", customer("Someone Else", "FR"), key);
        Answer otherPath = keyed(EU, "POST", "/policies", policy(first.text("customerId"), 1_000), key);

        for (Answer refused : List.of(otherBody, otherPath)) {
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.text("title")).isEqualTo("Idempotency-Key reused");
            assertThat(refused.text("region")).isEqualTo(EU);
        }
        assertThat(otherBody.text("detail")).contains("first sent with another body");
        assertThat(otherPath.text("detail")).contains("first sent for POST /customers");
        assertThat(keyed(EU, "POST", "/customers", Map.of(), key).status()).isEqualTo(422);
    }

    @Test
    void givenAMalformedKey_then400_andNothingIsDone() {
        long before = lastEventIndex(EU);
        for (String malformed : List.of("k".repeat(256), "tab\there")) {
            Answer refused = keyed(EU, "POST", "/customers", customer("Malformed Key", "FR"), malformed);

            assertThat(refused.status()).as(malformed).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.body().at("/errors/0/field").asText()).isEqualTo("Idempotency-Key");
        }
        assertThat(registeredSince(EU, before)).isEmpty();
        assertThat(keyed(EU, "POST", "/customers", customer("Longest Key", "FR"), "k".repeat(255)).status())
                .isEqualTo(201);
    }

    @Test
    void givenTheFirstRequestStillInFlight_whenRetried_then409WithRetryAfter_thenTheAnswerOnceItIsDone()
            throws Exception {
        Map<String, String> body = customer("Slow First", "FR");
        String key = newKey();
        CompletableFuture<Answer> first;
        try (Connection owner = lockOwnershipTable(EU)) {
            first = CompletableFuture.supplyAsync(() -> keyed(EU, "POST", "/customers", body, key));
            await().atMost(Duration.ofSeconds(10)).until(() -> keyHeldIn(EU, key));

            Answer meanwhile = keyed(EU, "POST", "/customers", body, key);

            assertThat(meanwhile.status()).isEqualTo(409);
            assertThat(meanwhile.contentType()).startsWith("application/problem+json");
            assertThat(meanwhile.header("Retry-After")).isEqualTo("1");
            assertThat(meanwhile.text("title")).isEqualTo("Request in flight");
            owner.rollback();
        }
        Answer answered = first.get(20, TimeUnit.SECONDS);
        assertThat(answered.status()).isEqualTo(201);
        assertThat(keyed(EU, "POST", "/customers", body, key).body()).isEqualTo(answered.body());
    }

    @Test
    void givenConcurrentDuplicates_thenOneIsApplied_andEveryOtherGetsItsAnswerOrWaits() throws Exception {
        Map<String, String> body = customer("Concurrent Duplicates", "FR");
        String key = newKey();
        long before = lastEventIndex(EU);
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Answer> answers = new ArrayList<>();
        try {
            List<CompletableFuture<Answer>> sent = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                sent.add(CompletableFuture.supplyAsync(() -> keyed(US, "POST", "/customers", body, key), clients));
            }
            for (CompletableFuture<Answer> answer : sent) {
                answers.add(answer.get(30, TimeUnit.SECONDS));
            }
        } finally {
            clients.shutdownNow();
        }

        // 503: on a loaded machine the owner may not answer within the routing timeout; a client then retries.
        assertThat(answers).as("created, in flight, or owner slow").extracting(Answer::status)
                .allMatch(status -> List.of(201, 409, 503).contains(status));
        List<Answer> created = new ArrayList<>(answers.stream().filter(answer -> answer.status() == 201).toList());
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Answer retried = keyed(US, "POST", "/customers", body, key);
            if (retried.status() == 201) {
                created.add(retried);
            }
            return retried.status() == 201;
        });
        assertThat(created).extracting(Answer::body).containsOnly(created.get(0).body());
        assertThat(registeredSince(EU, before)).containsExactly(created.get(0).text("customerId"));
    }

    @Test
    void givenTheOwnerAppliedARegistrationAfterTheReceivingRegionGaveUp_whenRetried_thenTheOwnersAnswer_notASecondCustomer()
            throws Exception {
        Map<String, String> body = customer("Applied After Timeout", "FR");
        String key = newKey();
        long before = lastEventIndex(EU);
        try (Connection owner = lockOwnershipTable(EU)) {
            Answer timedOut = keyed(US, "POST", "/customers", body, key);

            assertThat(timedOut.status()).as(timedOut.body().toString()).isEqualTo(503);
            assertThat(timedOut.text("failoverPolicy")).isEqualTo("REJECT");
            owner.rollback();
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> !registeredSince(EU, before).isEmpty());
        String appliedByTheOwner = registeredSince(EU, before).get(0);

        Answer retried = keyed(US, "POST", "/customers", body, key);

        assertThat(retried.status()).as(retried.body().toString()).isEqualTo(201);
        assertThat(retried.text("customerId")).isEqualTo(appliedByTheOwner);
        assertThat(retried.header(IdempotencyFilter.REPLAYED)).as("answered by the owner's record").isNull();
        assertThat(registeredSince(EU, before)).containsExactly(appliedByTheOwner);
        assertThat(eventsOf(EU, appliedByTheOwner)).isEqualTo(1);
    }

    @Test
    void givenTheReceivingRegionLostItsAnswer_whenRetried_thenTheCommandIsAnsweredWhereItWasHandled() {
        // As if each region had stopped between the command's commit and keeping the answer: the kept answer is gone.
        Map<String, String> body = customer("Answer Lost Routed", "FR");
        String routedKey = newKey();
        long before = lastEventIndex(EU);
        Answer routed = keyed(APAC, "POST", "/customers", body, routedKey);
        forgetKey(APAC, routedKey);

        Answer routedAgain = keyed(APAC, "POST", "/customers", body, routedKey);

        assertThat(routedAgain.status()).isEqualTo(201);
        assertThat(routedAgain.body()).isEqualTo(routed.body());
        assertThat(registeredSince(EU, before)).containsExactly(routed.text("customerId"));

        String policyId = api.post(EU, "/policies", policy(routed.text("customerId"), 10_000)).text("policyId");
        Map<String, Object> claim = claim(policyId, routed.text("customerId"), 900);
        String localKey = newKey();
        Answer filed = keyed(EU, "POST", "/claims", claim, localKey);
        forgetKey(EU, localKey);

        Answer filedAgain = keyed(EU, "POST", "/claims", claim, localKey);

        assertThat(filedAgain.status()).as("the original creation, not 'already exists'").isEqualTo(202);
        assertThat(filedAgain.body()).isEqualTo(filed.body());
        assertThat(filedAgain.header("Location")).isEqualTo(filed.header("Location"));
        assertThat(awaitDecision(EU, filed.text("claimId"))).isEqualTo("APPROVED");
        assertThat(claimsOn(EU, policyId)).containsExactly(filed.text("claimId"));
        assertThat(eventsOfType(EU, policyId, "CoverageReservedEvent")).isEqualTo(1);
    }

    @Test
    void givenAKeyLeftInFlightByAnAttemptThatDied_whenRetriedAfterTheInFlightTimeout_thenTheRecordAnswers() {
        Map<String, String> body = customer("Died In Flight", "FR");
        String key = newKey();
        long before = lastEventIndex(EU);
        Answer first = keyed(US, "POST", "/customers", body, key);
        // As if us had stopped after eu applied the command but before us kept the answer, a while ago.
        ThreeRegions.database(US).update("update regent_idempotency_key set status = null, body = null, "
                + "locked_until = now() - interval '1 second' where idempotency_key = ?", key);

        Answer retried = keyed(US, "POST", "/customers", body, key);

        assertThat(retried.status()).isEqualTo(201);
        assertThat(retried.body()).isEqualTo(first.body());
        assertThat(registeredSince(EU, before)).containsExactly(first.text("customerId"));
        assertThat(keyed(US, "POST", "/customers", body, key).header(IdempotencyFilter.REPLAYED)).isEqualTo("true");
    }

    @Test
    void givenARestartOfTheReceivingRegion_whenRetried_thenTheKeptAnswer() {
        String customerId = api.post(US, "/customers", customer("Restart Survivor", "US")).text("customerId");
        Map<String, Object> body = policy(customerId, 25_000);
        String key = newKey();
        Answer first = keyed(US, "POST", "/policies", body, key);
        assertThat(first.status()).as(first.body().toString()).isEqualTo(201);

        ThreeRegions.region(US).stopService();
        ThreeRegions.region(US).startService();

        Answer again = keyed(US, "POST", "/policies", body, key);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header(IdempotencyFilter.REPLAYED)).isEqualTo("true");
        assertThat(eventsOf(US, first.text("policyId"))).isEqualTo(1);
    }

    @Test
    void givenAnExpiredKey_whenPurged_thenItIsGone_andTheKeyIsFreeForANewRequest() {
        String key = newKey();
        Answer first = keyed(EU, "POST", "/customers", customer("Expired Key", "FR"), key);
        assertThat(first.status()).isEqualTo(201);
        ThreeRegions.database(EU).update("update regent_idempotency_key set expires_at = now() - interval '1 second' "
                + "where idempotency_key = ?", key);

        int purged = ThreeRegions.region(EU).bean(ExpiredKeysPurge.class).purge();

        assertThat(purged).isPositive();
        assertThat(keyHeldIn(EU, key)).isFalse();
        Answer reused = keyed(EU, "POST", "/customers", customer("New Holder", "FR"), key);
        assertThat(reused.status()).isEqualTo(201);
        assertThat(reused.text("customerId")).isNotEqualTo(first.text("customerId"));
    }

    @Test
    void withoutAKey_nothingChanges_twoRequestsMakeTwoCustomers() {
        Map<String, String> body = customer("No Key", "FR");

        Answer first = api.post(EU, "/customers", body);
        Answer second = api.post(EU, "/customers", body);

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.text("customerId")).isNotEqualTo(first.text("customerId"));
        assertThat(second.header(IdempotencyFilter.REPLAYED)).isNull();
    }

    private Answer keyed(String region, String method, String path, Object body, String key) {
        return api.send(region, method, path, body, Map.of("Idempotency-Key", key));
    }

    private static String newKey() {
        return UUID.randomUUID().toString();
    }

    private String awaitDecision(String region, String claimId) {
        List<String> status = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode claim = api.get(region, "/claims/" + claimId).body();
            String now = claim.has("status") ? claim.get("status").asText() : "";
            status.add(0, now);
            return List.of("APPROVED", "REJECTED", "COMPENSATION_FAILED").contains(now);
        });
        return status.get(0);
    }

    /** Writers wait (a slow database at the owner); readers go on. Rolled back (released) by the caller. */
    private static Connection lockOwnershipTable(String region) throws SQLException {
        Connection connection = ThreeRegions.region(region).database().dataSource().getConnection();
        connection.setAutoCommit(false);
        try (Statement lock = connection.createStatement()) {
            lock.execute("lock table regent_ownership in share mode");
        }
        return connection;
    }

    private static boolean keyHeldIn(String region, String key) {
        return !ThreeRegions.database(region).queryForList("select 1 from regent_idempotency_key "
                + "where idempotency_key = ?", Integer.class, key).isEmpty();
    }

    private static void forgetKey(String region, String key) {
        assertThat(ThreeRegions.database(region).update("delete from regent_idempotency_key where idempotency_key = ?",
                key)).isEqualTo(1);
    }

    private static long lastEventIndex(String region) {
        Long last = ThreeRegions.database(region).queryForObject("select coalesce(max(global_index), 0) "
                + "from domain_event_entry", Long.class);
        return last == null ? 0 : last;
    }

    /** The customers registered in a region's event store after the given event. */
    private static List<String> registeredSince(String region, long afterIndex) {
        return ThreeRegions.database(region).queryForList("select aggregate_identifier from domain_event_entry "
                + "where global_index > ? and payload_type like '%.CustomerRegisteredEvent' order by global_index",
                String.class, afterIndex);
    }

    private static List<String> claimsOn(String region, String policyId) {
        return ThreeRegions.database(region).queryForList("select aggregate_identifier from domain_event_entry "
                + "where payload_type like '%.ClaimFiledEvent' and convert_from(payload, 'UTF8') like ?",
                String.class, "%" + policyId + "%");
    }

    private static long eventsOf(String region, String aggregateId) {
        Long count = ThreeRegions.database(region).queryForObject("select count(*) from domain_event_entry "
                + "where aggregate_identifier = ?", Long.class, aggregateId);
        return count == null ? 0 : count;
    }

    private static long eventsOfType(String region, String aggregateId, String eventType) {
        Long count = ThreeRegions.database(region).queryForObject("select count(*) from domain_event_entry "
                + "where aggregate_identifier = ? and payload_type like ?", Long.class, aggregateId, "%." + eventType);
        return count == null ? 0 : count;
    }
}
