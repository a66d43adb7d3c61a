package dev.regent.insurer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.regent.insurer.support.MirroredTopics;
import dev.regent.insurer.support.Reconciliations;
import dev.regent.insurer.support.RegentClient;
import dev.regent.insurer.support.ThreeRegions;
import dev.regent.domain.ownership.Ownership;
import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.ownership.JdbcOwnershipRegistry;
import dev.regent.insurer.identity.CustomerId;
import dev.regent.insurer.identity.CustomerRegisteredEvent;
import dev.regent.insurer.policy.PolicyIssuedEvent;
import dev.regent.insurer.policy.PolicyId;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.regent.insurer.support.InsurerFixture.customer;
import static dev.regent.insurer.support.InsurerFixture.policy;
import static dev.regent.insurer.support.ThreeRegions.APAC;
import static dev.regent.insurer.support.ThreeRegions.EU;
import static dev.regent.insurer.support.ThreeRegions.US;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Data a read model cannot store — a NUL in a text, an unpaired surrogate, a number longer than it can read back —
 * sent below the edge (through a region's command gateway, as a region running older edge rules would), is parked
 * with reason {@code storage-failed} while every other aggregate goes on; a stored row a view cannot read answers a
 * problem that names it without showing it, and reconciliation reports and repairs it.
 */
class StorageFailuresIT {

    private static final List<String> REGIONS = List.of(EU, US, APAC);

    private final RegentClient api = ThreeRegions.client();

    @Test
    void aNulInAPersonalFieldParksTheOwnersEventAndEveryOtherCustomerGoesOn() {
        CustomerId poisoned = CustomerId.generate();
        appendAsOwner(EU, "CustomerIdentity", poisoned.value(), "HOME(domicile)", new CustomerRegisteredEvent(
                poisoned, "Amélie\u0000Poulain", "nul@example.fr", "+33 1 00 00 00 00", "FR", "fr"));
        String after = api.post(EU, "/customers", customer("Après Nul", "FR")).text("customerId");

        awaitVisible(EU, "/customers/" + after);
        JsonNode letter = awaitParked(EU, "customers", poisoned.value());
        assertThat(letter.get("reason").asText()).isEqualTo("storage-failed");
        assertThat(letter.get("sequenceNumber").asLong()).isZero();
        assertThat(letter.get("detail").asText()).contains("customers", poisoned.value()).doesNotContain("Amélie");
        assertNotStored(EU, "/customers/" + poisoned.value(), "customers", poisoned.value(), "Amélie");
        assertNotInError(EU, "customers");
        assertThat(api.metrics(EU))
                .contains("regent_projection_parked_total{aggregate=\"CustomerIdentity\",reason=\"storage-failed\"");
        // Only eu's own view holds the name in the clear: us (encrypted) and apac (redacted) store the customer.
        awaitVisible(US, "/customers/" + poisoned.value());
        awaitVisible(APAC, "/customers/" + poisoned.value());
        // The owner's view cannot vouch for it: reconciliation does not take us's row for an orphan and forget it.
        JsonNode run = Reconciliations.run(api, US, true, Duration.ofSeconds(60));
        assertThat(run.get("drifts").toString()).doesNotContain(poisoned.value());
        assertThat(api.get(US, "/customers/" + poisoned.value()).status()).isEqualTo(200);
    }

    @Test
    void aPolicyNoViewCanStoreIsParkedInEveryRegionAndTheNextOneIsAppliedPromptly() {
        String holder = api.post(EU, "/customers", customer("Titulaire Police", "FR")).text("customerId");
        awaitVisible(EU, "/customers/" + holder);
        Map<String, String> poisoned = Map.of(
                issue(holder, "HOME\u0000CONTENTS", new BigDecimal("10000")), "a NUL in a clear field",
                issue(holder, "HOME\uD800", new BigDecimal("10000")), "an unpaired surrogate",
                issue(holder, "HOME-CONTENTS", new BigDecimal("1E+5000")), "5001 digits, read back as at most 1000");
        String after = api.post(EU, "/policies", policy(holder, 20_000)).text("policyId");

        for (String region : REGIONS) {
            awaitVisible(region, "/policies/" + after);
            poisoned.forEach((policyId, what) -> {
                JsonNode letter = awaitParked(region, "policies", policyId);
                assertThat(letter.get("reason").asText()).as(what + " in " + region).isEqualTo("storage-failed");
                assertThat(letter.get("detail").asText()).doesNotContain("HOME");
                assertNotStored(region, "/policies/" + policyId, "policies", policyId, "HOME");
            });
            assertNotInError(region, "policies");
            assertThat(parkedTotal(region, "Policy")).as(region).isGreaterThanOrEqualTo(poisoned.size());
        }
    }

    @Test
    void aStoredRowItsViewCannotReadAnswersAProblemAndReconciliationRepairsIt() {
        String holder = api.post(EU, "/customers", customer("Ligne Illisible", "FR")).text("customerId");
        String policyId = api.post(EU, "/policies", policy(holder, 30_000)).text("policyId");
        awaitVisible(US, "/policies/" + policyId);
        // As rows were stored before views refused such states: a coverage limit of 5001 digits.
        ThreeRegions.database(US).update("update regent_view set state = jsonb_set(state, '{coverageLimit}', "
                + "('1' || repeat('0', 5000))::jsonb) where view_name = 'policies' and aggregate_id = ?", policyId);

        RegentClient.Answer unreadable = api.get(US, "/policies/" + policyId);
        assertThat(unreadable.status()).isEqualTo(500);
        assertThat(unreadable.contentType()).startsWith("application/problem+json");
        assertThat(unreadable.body().get("title").asText()).isEqualTo("Stored row unreadable");
        assertThat(unreadable.body().get("view").asText()).isEqualTo("policies");
        assertThat(unreadable.body().get("aggregateId").asText()).isEqualTo(policyId);
        assertThat(unreadable.body().toString()).doesNotContain("00000", "HOME-CONTENTS", holder);

        JsonNode run = Reconciliations.run(api, US, true, Duration.ofSeconds(60));
        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("COMPLETED");
        List<JsonNode> drifts = new ArrayList<>();
        run.get("drifts").forEach(drifts::add);
        assertThat(drifts).anySatisfy(drift -> {
            assertThat(drift.get("aggregateId").asText()).isEqualTo(policyId);
            assertThat(drift.get("driftClass").asText()).isEqualTo("UNREADABLE");
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            RegentClient.Answer repaired = api.get(US, "/policies/" + policyId);
            assertThat(repaired.status()).isEqualTo(200);
            assertThat(repaired.body().get("coverageLimit").decimalValue()).isEqualByComparingTo("30000");
        });
        // Other tests of this JVM may have left drift in us: leave no incident open for the next ones.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(Reconciliations.run(api, US, true).get("incidents")).isEmpty());
    }

    @Test
    void anEventWhoseAggregateIdCannotBeStoredIsCountedAsUnreadableAndTheNextOneApplied() {
        String template = api.post(EU, "/customers", customer("Modèle Identifiant", "FR")).text("customerId");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            records.clear();
            MirroredTopics.recordsKeyed(US, MirroredTopics.topic(EU, US), template).stream()
                    .filter(record -> MirroredTopics.headers(record).get("axon-message-type")
                            .endsWith("CustomerRegisteredEvent")).forEach(records::add);
            return !records.isEmpty();
        });
        long unreadableBefore = unreadableTotal(US);
        String after = "after-" + UUID.randomUUID();
        // Not even parkable: the dead-letter queue is keyed by the aggregate id.
        MirroredTopics.write(US, List.of(
                MirroredTopics.craft(records.get(0), "nul\u0000" + UUID.randomUUID(), 0, Map.of(),
                        records.get(0).value()),
                MirroredTopics.craft(records.get(0), after, 0, Map.of(), records.get(0).value())));

        awaitVisible(US, "/customers/" + after);
        assertThat(unreadableTotal(US)).isGreaterThan(unreadableBefore);
        assertNotInError(US, "customers");
        ThreeRegions.database(US).update("delete from regent_view where aggregate_id = ?", after); // no owner has it
    }

    private static String issue(String customerId, String product, BigDecimal coverageLimit) {
        PolicyId id = PolicyId.generate();
        appendAsOwner(EU, "Policy", id.value(), "NATIVE", new PolicyIssuedEvent(id, new CustomerId(customerId),
                product, coverageLimit));
        return id.value();
    }

    /**
     * What a bug in an owner's code would write: an aggregate's first event, appended by its owner (its ownership
     * recorded in the same transaction), with values the domain's own types would have refused.
     */
    private static void appendAsOwner(String region, String type, String aggregateId, String rule, Object event) {
        new TransactionTemplate(ThreeRegions.region(region).bean(PlatformTransactionManager.class))
                .executeWithoutResult(status -> {
                    ThreeRegions.region(region).bean(JdbcOwnershipRegistry.class).assign(new Ownership(aggregateId,
                            type, Region.of(region), Ownership.FIRST_EPOCH, rule), Instant.now());
                    ThreeRegions.region(region).bean(EventBus.class).publish(
                            new GenericDomainEventMessage<>(type, aggregateId, 0, event));
                });
    }

    /** A row that is not there because its event was parked: a problem naming the letter, showing nothing stored. */
    private void assertNotStored(String region, String path, String view, String aggregateId, String content) {
        RegentClient.Answer answer = api.get(region, path);
        assertThat(answer.status()).as(region + " " + path).isEqualTo(500);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().get("view").asText()).isEqualTo(view);
        assertThat(answer.body().get("aggregateId").asText()).isEqualTo(aggregateId);
        assertThat(answer.body().get("reason").asText()).isEqualTo("storage-failed");
        assertThat(answer.body().toString()).doesNotContain(content);
    }

    private void assertNotInError(String region, String view) {
        assertThat(api.get(region, "/projections/" + view).body().path("error").textValue())
                .as("the " + view + " processor of " + region + " is in error").isNull();
    }

    private JsonNode awaitParked(String region, String view, String aggregateId) {
        List<JsonNode> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            found.clear();
            api.get(region, "/dead-letters?view=" + view).body().forEach(letter -> {
                if (letter.get("aggregateId").asText().equals(aggregateId)) {
                    found.add(letter);
                }
            });
            return !found.isEmpty();
        });
        return found.get(0);
    }

    /** Within seconds: the aggregates written after the poisoned one are not held up by it. */
    private void awaitVisible(String region, String path) {
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get(region, path).status() == 200);
    }

    private long unreadableTotal(String region) {
        return api.metrics(region).lines().filter(line -> line.startsWith("regent_ingress_unreadable_total{"))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private long parkedTotal(String region, String aggregateType) {
        String prefix = "regent_projection_parked_total{aggregate=\"" + aggregateType + "\",reason=\"storage-failed\"";
        return api.metrics(region).lines().filter(line -> line.startsWith(prefix))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
