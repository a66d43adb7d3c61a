package dev.regent.insurer;

import dev.regent.insurer.support.RegentClient;
import dev.regent.insurer.support.RegentClient.Answer;
import dev.regent.insurer.support.ThreeRegions;
import org.assertj.core.api.Condition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.regent.insurer.support.InsurerFixture.customer;
import static dev.regent.insurer.support.InsurerFixture.policy;
import static dev.regent.insurer.support.ThreeRegions.APAC;
import static dev.regent.insurer.support.ThreeRegions.EU;
import static dev.regent.insurer.support.ThreeRegions.US;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The foundation's promise, through the REST API of three real regions. */
class ThreeRegionsEndToEndIT {

    private static final List<String> ALL = List.of(EU, US, APAC);
    private final RegentClient api = ThreeRegions.client();

    @Test
    void frenchCustomerCreatedThroughApac_isOwnedAndStoredByEuOnly_replicatesEverywhere_andContactChangesRouteToEu() {
        Answer created = api.post(APAC, "/customers", customer("Amélie Poulain", "FR"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("ownerRegion")).isEqualTo(EU);
        String id = created.text("customerId");

        assertThat(eventsIn(EU, id)).isEqualTo(1);
        assertThat(eventsIn(US, id)).isZero();
        assertThat(eventsIn(APAC, id)).isZero();
        for (String region : ALL) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Answer read = api.get(region, "/customers/" + id);
                assertThat(read.status()).isEqualTo(200);
                assertThat(read.text("ownerRegion")).isEqualTo(EU);
                assertThat(read.text("name")).is(asTheEuPolicyShowsIt(region, "Amélie Poulain"));
                assertThat(read.body().get("version").asLong()).isEqualTo(1);
            });
        }

        Answer changed = api.put(US, "/customers/" + id + "/contact", Map.of("email", "a.poulain@example.fr"));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body().get("version").asLong()).isEqualTo(2);

        assertThat(eventsIn(EU, id)).isEqualTo(2);
        assertThat(eventsIn(US, id)).isZero();
        for (String region : ALL) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Answer read = api.get(region, "/customers/" + id);
                assertThat(read.text("email")).is(asTheEuPolicyShowsIt(region, "a.poulain@example.fr"));
                assertThat(read.body().get("version").asLong()).isEqualTo(2);
            });
        }
    }

    @Test
    void everyRegionResolvesTheOwnerOfEveryAggregate() {
        String customerId = api.post(US, "/customers", customer("John Doe", "US")).text("customerId");
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get(APAC, "/ownership/" + customerId).status() == 200);
        String policyId = api.post(APAC, "/policies", policy(customerId, 50_000)).text("policyId");

        for (String region : ALL) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Answer customer = api.get(region, "/ownership/" + customerId);
                assertThat(customer.body()).hasToString("{\"aggregateId\":\"" + customerId
                        + "\",\"aggregateType\":\"CustomerIdentity\",\"ownerRegion\":\"us\",\"epoch\":1,"
                        + "\"rule\":\"HOME(domicile)\"}");
                Answer policy = api.get(region, "/ownership/" + policyId);
                assertThat(policy.text("ownerRegion")).isEqualTo(APAC);
                assertThat(policy.text("rule")).isEqualTo("NATIVE");
            });
        }
    }

    @Test
    void policyIssuedInApacIsOwnedThereAndReadableEverywhere() {
        String customerId = api.post(EU, "/customers", customer("Ingrid Svensson", "SE")).text("customerId");
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get(APAC, "/customers/" + customerId).status() == 200);

        Answer issued = api.post(APAC, "/policies", policy(customerId, 75_000));
        assertThat(issued.status()).isEqualTo(201);
        assertThat(issued.text("ownerRegion")).isEqualTo(APAC);
        String policyId = issued.text("policyId");
        assertThat(eventsIn(APAC, policyId)).isEqualTo(1);
        assertThat(eventsIn(EU, policyId)).isZero();

        for (String region : ALL) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Answer read = api.get(region, "/policies/" + policyId);
                assertThat(read.status()).isEqualTo(200);
                assertThat(read.text("ownerRegion")).isEqualTo(APAC);
                assertThat(read.text("customerId")).isEqualTo(customerId);
                assertThat(read.body().get("coverageLimit").decimalValue()).isEqualByComparingTo("75000");
            });
        }
    }

    @Test
    void unknownIdsAreProblemsInEveryRegion_andUnresolvableOwnershipIsCounted() {
        double before = resolutionFailures(US);
        for (String region : ALL) {
            Answer customer = api.get(region, "/customers/no-such-customer");
            assertThat(customer.status()).isEqualTo(404);
            assertThat(customer.contentType()).startsWith("application/problem+json");
            assertThat(api.get(region, "/ownership/no-such-aggregate").status()).isEqualTo(404);
        }
        Answer change = api.put(US, "/customers/no-such-customer/contact", Map.of("phone", "+1 555 0100"));
        assertThat(change.status()).isEqualTo(404);
        assertThat(change.text("detail")).isEqualTo("No region is known to own aggregate no-such-customer");
        assertThat(resolutionFailures(US)).isEqualTo(before + 1);
    }

    @Test
    void badInputIsRefusedNamingTheField_andNothingIsWritten() {
        long eventsBefore = ALL.stream().mapToLong(ThreeRegionsEndToEndIT::eventCount).sum();

        Answer unknownDomicile = api.post(US, "/customers", customer("Nobody", "BR"));
        assertThat(unknownDomicile.status()).isEqualTo(400);
        assertThat(unknownDomicile.body().at("/errors/0/field").asText()).isEqualTo("domicile");
        Answer missing = api.post(EU, "/customers", Map.of("name", "Nobody"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.text("detail")).contains("domicile", "email", "phone");
        Answer malformed = api.send(EU, "POST", "/customers", "{\"name\": ");
        assertThat(malformed.status()).isEqualTo(400);
        Answer negative = api.post(APAC, "/policies", policy("whoever", -1));
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.body().at("/errors/0/field").asText()).isIn("coverageLimit", "customerId");

        assertThat(ALL.stream().mapToLong(ThreeRegionsEndToEndIT::eventCount).sum()).isEqualTo(eventsBefore);
    }

    @Test
    void routedCommandsAndReplicationLagAreMeasuredPerRegion() {
        String id = api.post(EU, "/customers", customer("Kenji Tanaka", "JP")).text("customerId");
        api.post(US, "/customers", customer("Mary Major", "US"));
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get(US, "/customers/" + id).status() == 200);

        assertThat(api.metrics(EU)).contains("regent_routing_latency_seconds_count{", "target=\"apac\"");
        assertThat(api.metrics(US)).contains("regent_replication_lag_seconds_count{", "source=\"apac\"");
    }

    /** EU personal data as each region may see it under the shipped policy: clear at home, encrypted or redacted away. */
    private static Condition<String> asTheEuPolicyShowsIt(String region, String plain) {
        return switch (region) {
            case EU -> new Condition<>(plain::equals, "the plain value");
            case US -> new Condition<>(value -> value.startsWith("enc:v1:"), "encrypted");
            default -> new Condition<>("[REDACTED]"::equals, "redacted");
        };
    }

    private double resolutionFailures(String region) {
        return api.metrics(region).lines()
                .filter(line -> line.startsWith("regent_ownership_resolution_failures_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    static long eventsIn(String region, String aggregateId) {
        Long count = ThreeRegions.database(region).queryForObject(
                "select count(*) from domain_event_entry where aggregate_identifier = ?", Long.class, aggregateId);
        return count == null ? 0 : count;
    }

    private static long eventCount(String region) {
        Long count = ThreeRegions.database(region).queryForObject("select count(*) from domain_event_entry",
                Long.class);
        return count == null ? 0 : count;
    }
}
