package dev.regent.insurer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.regent.insurer.support.RegentClient;
import dev.regent.insurer.support.RegentClient.Answer;
import dev.regent.insurer.support.ThreeRegions;
import dev.regent.insurer.claims.ClaimId;
import dev.regent.insurer.claims.FileClaimCommand;
import dev.regent.insurer.identity.CustomerId;
import dev.regent.insurer.policy.PolicyId;
import dev.regent.domain.shared.MonetaryAmount;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.regent.insurer.support.InsurerFixture.claim;
import static dev.regent.insurer.support.InsurerFixture.customer;
import static dev.regent.insurer.support.InsurerFixture.policy;
import static dev.regent.insurer.support.ThreeRegions.APAC;
import static dev.regent.insurer.support.ThreeRegions.EU;
import static dev.regent.insurer.support.ThreeRegions.US;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The workflow the insurer named: a claim handled in apac needs the eu-owned customer (identity, consent) and the
 * apac-owned policy. Real regions, real Kafka and MirrorMaker 2; deadlines at 2 s (retry) and 2 min (give up).
 */
class ClaimSettlementIT {

    private final RegentClient api = ThreeRegions.client();

    @Test
    void frenchCustomerApacPolicyClaimInApac_isApproved_andEveryRegionSeesTheDecision() {
        String customerId = frenchCustomer();
        String policyId = policyInApac(customerId, 10_000);

        String claimId = fileClaim(policyId, customerId, 1_200);

        JsonNode decided = awaitDecision(APAC, claimId);
        assertThat(decided.get("status").asText()).isEqualTo("APPROVED");
        assertThat(steps(decided)).contains("IDENTITY:PASSED", "CONSENT:PASSED", "COVERAGE:PASSED");
        for (String region : List.of(EU, US)) {
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    "APPROVED".equals(api.get(region, "/claims/" + claimId).text("status")));
        }
        assertThat(eventsOfType(EU, customerId, "IdentityVerifiedEvent")).isEqualTo(1);
    }

    @Test
    void aClaimOverTheCoverageLimit_isRejectedCoverageExceeded() {
        String customerId = frenchCustomer();
        String policyId = policyInApac(customerId, 1_000);

        JsonNode decided = awaitDecision(APAC, fileClaim(policyId, customerId, 5_000));

        assertThat(decided.get("status").asText()).isEqualTo("REJECTED");
        assertThat(decided.get("reason").asText()).isEqualTo("COVERAGE_EXCEEDED");
        assertThat(decided.get("detail").asText()).isEqualTo("requested 5000, the policy covers 1000 more");
    }

    @Test
    void aCustomerWhoWithdrewConsentInEu_hasTheClaimRejected_andTheReservationIsReleased() {
        String customerId = frenchCustomer();
        String policyId = policyInApac(customerId, 10_000);
        Answer withdrawn = api.put(EU, "/customers/" + customerId + "/consents/claims-processing",
                Map.of("granted", false));
        assertThat(withdrawn.status()).isEqualTo(200);

        String claimId = fileClaim(policyId, customerId, 2_000);

        JsonNode decided = awaitDecision(APAC, claimId);
        assertThat(decided.get("reason").asText()).isEqualTo("CONSENT_WITHDRAWN");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(steps(api.get(APAC, "/claims/" + claimId).body())).contains("COVERAGE_RELEASE:PASSED"));
        // What the claim reserved went back to the policy: its full limit can be claimed again.
        assertThat(eventsOfType(APAC, policyId, "CoverageReleasedEvent")).isEqualTo(1);
        JsonNode full = awaitDecision(APAC, fileClaimAfterConsent(customerId, policyId, 10_000));
        assertThat(full.get("status").asText()).isEqualTo("APPROVED");
    }

    @Test
    void givenEuIsDownDuringTheClaim_itWaitsPendingIdentity_andIsApprovedOnceEuIsBack_withoutDuplicates() {
        String customerId = frenchCustomer();
        String policyId = policyInApac(customerId, 10_000);

        ThreeRegions.region(EU).stopService();
        String claimId;
        try {
            claimId = fileClaim(policyId, customerId, 700);
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    "PENDING_IDENTITY".equals(api.get(APAC, "/claims/" + claimId).text("status")));
            assertThat(steps(api.get(APAC, "/claims/" + claimId).body())).contains("IDENTITY:WAITING");
        } finally {
            ThreeRegions.region(EU).startService();
        }

        JsonNode decided = awaitDecision(APAC, claimId);
        assertThat(decided.get("status").asText()).isEqualTo("APPROVED");
        assertThat(eventsOfType(EU, customerId, "IdentityVerifiedEvent"))
                .as("the retried verification was applied once at the owner").isEqualTo(1);
        assertThat(eventsOfType(APAC, policyId, "CoverageReservedEvent")).isEqualTo(1);
    }

    @Test
    void theSagaSurvivesARestartOfTheClaimsRegionMidWorkflow() {
        String customerId = frenchCustomer();
        String policyId = policyInApac(customerId, 10_000);

        ThreeRegions.region(EU).stopService();
        String claimId;
        try {
            claimId = fileClaim(policyId, customerId, 300);
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    "PENDING_IDENTITY".equals(api.get(APAC, "/claims/" + claimId).text("status")));
            ThreeRegions.region(APAC).stopService();
            ThreeRegions.region(APAC).startService();
        } finally {
            ThreeRegions.region(EU).startService();
        }

        assertThat(awaitDecision(APAC, claimId).get("status").asText()).isEqualTo("APPROVED");
        assertThat(eventsOfType(EU, customerId, "IdentityVerifiedEvent")).isEqualTo(1);
    }

    @Test
    void aClaimOnAPolicyNoRegionKnows_isRefusedUpFront_namingThePolicy() {
        String customerId = frenchCustomer();
        String unknown = UUID.randomUUID().toString();

        Answer refused = api.post(APAC, "/claims", claim(unknown, customerId, 100));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().at("/errors/0/field").asText()).isEqualTo("policyId");
        assertThat(refused.body().at("/errors/0/message").asText())
                .isEqualTo("no policy " + unknown + " is known in region apac");
    }

    @Test
    void aClaimFiledBypassingTheApi_onAPolicyNoRegionKnows_isRejectedPolicyNotFound_notLeftOpen() {
        String customerId = frenchCustomer();
        String claimId = fileBypassingTheApi(UUID.randomUUID().toString(), customerId, 100);

        JsonNode decided = awaitDecision(APAC, claimId);

        assertThat(decided.get("status").asText()).isEqualTo("REJECTED");
        assertThat(decided.get("reason").asText()).isEqualTo("POLICY_NOT_FOUND");
    }

    @Test
    void aClaimByACustomerWhoDoesNotHoldThePolicy_isRefusedUpFront_namingTheCustomer() {
        String holder = frenchCustomer();
        String someoneElse = frenchCustomer();
        String policyId = policyInApac(holder, 10_000);
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get(APAC, "/policies/" + policyId).status() == 200);

        Answer refused = api.post(APAC, "/claims", claim(policyId, someoneElse, 100));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().at("/errors/0/field").asText()).isEqualTo("customerId");
        assertThat(refused.body().at("/errors/0/message").asText())
                .isEqualTo("customer " + someoneElse + " is not the holder of policy " + policyId);
        assertThat(eventsOfType(APAC, policyId, "CoverageReservedEvent")).isZero();
    }

    /** The policy's owner checks the holder whatever the claim's region knew: nothing is reserved, nothing approved. */
    @Test
    void aClaimByACustomerWhoDoesNotHoldThePolicy_filedBypassingTheApi_isRejectedByThePolicysOwner() {
        String holder = frenchCustomer();
        String someoneElse = frenchCustomer();
        String policyId = policyInApac(holder, 10_000);

        JsonNode decided = awaitDecision(APAC, fileBypassingTheApi(policyId, someoneElse, 100));

        assertThat(decided.get("status").asText()).isEqualTo("REJECTED");
        assertThat(decided.get("reason").asText()).isEqualTo("CUSTOMER_NOT_POLICY_HOLDER");
        assertThat(decided.get("detail").asText())
                .isEqualTo("customer " + someoneElse + " is not the holder of policy " + policyId);
        assertThat(steps(decided)).contains("COVERAGE:FAILED").doesNotContain("COVERAGE:PASSED");
        assertThat(eventsOfType(APAC, policyId, "CoverageRefusedToNonHolderEvent")).isEqualTo(1);
        assertThat(eventsOfType(APAC, policyId, "CoverageReservedEvent")).isZero();
        // The holder's own claim still finds the whole limit.
        assertThat(awaitDecision(APAC, fileClaim(policyId, holder, 10_000)).get("status").asText())
                .isEqualTo("APPROVED");
    }

    /** Code inside the region (not the API) files the claim: nothing is checked before the saga runs. */
    private static String fileBypassingTheApi(String policyId, String customerId, int amount) {
        ClaimId claimId = ClaimId.generate();
        ThreeRegions.region(APAC).bean(CommandGateway.class).sendAndWait(new FileClaimCommand(claimId,
                new PolicyId(policyId), new CustomerId(customerId), new MonetaryAmount(BigDecimal.valueOf(amount)),
                "Filed by code that bypasses the API"));
        return claimId.value();
    }

    private String frenchCustomer() {
        String customerId = api.post(APAC, "/customers", customer("Amélie Poulain", "FR")).text("customerId");
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get(APAC, "/ownership/" + customerId).status() == 200);
        return customerId;
    }

    private String policyInApac(String customerId, int coverageLimit) {
        Answer issued = api.post(APAC, "/policies", policy(customerId, coverageLimit));
        assertThat(issued.status()).isEqualTo(201);
        return issued.text("policyId");
    }

    private String fileClaim(String policyId, String customerId, int amount) {
        Answer filed = api.post(APAC, "/claims", claim(policyId, customerId, amount));
        assertThat(filed.status()).as(filed.body().toString()).isEqualTo(202);
        assertThat(filed.text("ownerRegion")).isEqualTo(APAC);
        assertThat(filed.text("status")).isEqualTo("OPEN");
        return filed.text("claimId");
    }

    private String fileClaimAfterConsent(String customerId, String policyId, int amount) {
        assertThat(api.put(EU, "/customers/" + customerId + "/consents/claims-processing", Map.of("granted", true))
                .status()).isEqualTo(200);
        return fileClaim(policyId, customerId, amount);
    }

    private JsonNode awaitDecision(String region, String claimId) {
        List<JsonNode> decided = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode claim = api.get(region, "/claims/" + claimId).body();
            boolean done = claim.has("status") && List.of("APPROVED", "REJECTED", "COMPENSATION_FAILED")
                    .contains(claim.get("status").asText());
            if (done) {
                decided.add(claim);
            }
            return done;
        });
        return decided.get(0);
    }

    private static List<String> steps(JsonNode claim) {
        List<String> steps = new ArrayList<>();
        claim.get("steps").forEach(step -> steps.add(step.get("step").asText() + ":" + step.get("outcome").asText()));
        return steps;
    }

    private static long eventsOfType(String region, String aggregateId, String eventType) {
        Long count = ThreeRegions.database(region).queryForObject(
                "select count(*) from domain_event_entry where aggregate_identifier = ? and payload_type like ?",
                Long.class, aggregateId, "%." + eventType);
        return count == null ? 0 : count;
    }
}
