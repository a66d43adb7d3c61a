package dev.regent.insurer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.regent.insurer.support.HostileRequests;
import dev.regent.insurer.support.HostileRequests.Endpoint;
import dev.regent.insurer.support.HostileRequests.Probe;
import dev.regent.insurer.support.RegentClient;
import dev.regent.insurer.support.RegentClient.Answer;
import dev.regent.insurer.support.RegionStores;
import dev.regent.insurer.support.ThreeRegions;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static dev.regent.insurer.support.InsurerFixture.customer;
import static dev.regent.insurer.support.InsurerFixture.policy;
import static dev.regent.insurer.support.ThreeRegions.APAC;
import static dev.regent.insurer.support.ThreeRegions.EU;
import static dev.regent.insurer.support.ThreeRegions.US;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Generated hostile requests to every write endpoint of the API (and odd paths), in every region: each answer is a
 * success or a 4xx problem, never a 5xx and never the container's HTML. Afterwards no read model is in error and
 * nothing the API accepted was parked anywhere. Operator actions that move data (transfers, rebuilds, dead-letter
 * retries) only get regions and views that do not exist: their rules are exercised, nothing moves. A reconciliation
 * run may start: it only repairs.
 */
class HostileInputFuzzIT {

    private static final RegentClient API = ThreeRegions.client();
    /** What the API accepted: id → where it is read ({@code /customers/}…). */
    private static final Map<String, String> ACCEPTED = new ConcurrentHashMap<>();
    private static final Map<String, String> READ_AT = Map.of("customerId", "/customers/", "policyId", "/policies/",
            "claimId", "/claims/");
    private static String euCustomer;
    private static String usCustomer;
    private static String policyId;

    @BeforeContainer
    static void givenCustomersAndAPolicyKnownEverywhere() {
        euCustomer = API.post(EU, "/customers", customer("Fuzz Target", "FR")).text("customerId");
        usCustomer = API.post(US, "/customers", customer("Fuzz Target", "US")).text("customerId");
        await().atMost(Duration.ofSeconds(15)).until(() -> visibleEverywhere("/customers/", euCustomer)
                && visibleEverywhere("/customers/", usCustomer));
        policyId = API.post(APAC, "/policies", policy(euCustomer, 50_000)).text("policyId");
        await().atMost(Duration.ofSeconds(15)).until(() -> visibleEverywhere("/policies/", policyId));
        ACCEPTED.putAll(Map.of(euCustomer, "/customers/", usCustomer, "/customers/", policyId, "/policies/"));
    }

    @Property(tries = 300, shrinking = ShrinkingMode.OFF)
    void everyAnswerIsASuccessOrAProblem_neverA5xxNorHtml(@ForAll("probes") Probe probe) {
        Answer answer = API.raw(probe.region(), request(probe));
        Statistics.label("answers").collect(answer.status() / 100 + "xx");

        assertThat(answer.status()).as("%s answered %s %s", probe, answer.status(), answer.body())
                .isBetween(200, 499);
        assertThat(answer.contentType()).as("%s answered %s", probe, answer.contentType()).doesNotContain("html");
        if (answer.status() >= 300) {
            assertThat(answer.isProblem()).as("%s answered %s %s %s", probe, answer.status(), answer.contentType(),
                    answer.body()).isTrue();
        } else {
            READ_AT.forEach((field, path) -> {
                JsonNode id = answer.body().path(field);
                if (id.isTextual()) {
                    ACCEPTED.put(id.asText(), path);
                }
            });
        }
    }

    @AfterContainer
    static void thenNoReadModelIsInError_andNothingAcceptedWasParked() {
        // Freezes the probes declared are thawed first: a hostile value may happen to name a real event type.
        for (String region : List.of(EU, US, APAC)) {
            API.get(region, "/containment/freezes").body().forEach(freeze -> {
                if (freeze.get("active").asBoolean()) {
                    API.post(region, "/containment/freezes/" + freeze.get("id").asText() + "/thaw", Map.of());
                }
            });
        }
        // Everything accepted has reached every region (or was parked there, which fails below).
        await().atMost(Duration.ofSeconds(30)).until(() -> ACCEPTED.entrySet().stream().allMatch(accepted ->
                visibleEverywhere(accepted.getValue(), accepted.getKey())
                        || !RegionStores.parked(API, Set.of(accepted.getKey())).isEmpty()));
        assertThat(RegionStores.parked(API, ACCEPTED.keySet())).isEmpty();
        RegionStores.assertHealthy(API);
    }

    @Provide
    Arbitrary<Probe> probes() {
        List<Endpoint> endpoints = List.of(
                new Endpoint("POST", "/customers", Map.of("name", "\"Fuzz Customer\"",
                        "email", "\"fuzz@example.com\"", "phone", "\"+33 1 00 00 00 00\"", "domicile", "\"FR\"")),
                new Endpoint("PUT", "/customers/{customerId}/contact", Map.of("email", "\"new@example.com\"",
                        "phone", "\"+1 555 0100\"")),
                new Endpoint("PUT", "/customers/{customerId}/consents/{purpose}", Map.of("granted", "true")),
                new Endpoint("POST", "/customers/{customerId}/suspension", Map.of("reason", "\"fraud signal\"")),
                new Endpoint("DELETE", "/customers/{customerId}/personal-data", Map.of()),
                new Endpoint("POST", "/policies", Map.of("customerId", "\"" + euCustomer + "\"",
                        "product", "\"HOME-CONTENTS\"", "coverageLimit", "50000")),
                new Endpoint("PUT", "/policies/{policyId}/coverage-limit", Map.of("coverageLimit", "60000")),
                new Endpoint("POST", "/claims", Map.of("policyId", "\"" + policyId + "\"",
                        "customerId", "\"" + euCustomer + "\"", "amount", "100", "description", "\"Flood\"")),
                new Endpoint("POST", "/ownership/{aggregateId}/transfer", Map.of("toRegion", "\"mars\"",
                        "reason", "\"fuzz\"", "force", "true")),
                new Endpoint("POST", "/ownership/transfers", Map.of("fromRegion", "\"mars\"", "toRegion", "\"eu\"",
                        "aggregateType", "\"Policy\"", "reason", "\"fuzz\"")),
                new Endpoint("POST", "/reconciliation/runs", Map.of("repair", "false")),
                new Endpoint("POST", "/projections/{view}/rebuild", Map.of()),
                new Endpoint("POST", "/projections/{view}/shadow?asOf={asOf}", Map.of()),
                new Endpoint("POST", "/projections/{view}/shadow/swap", Map.of()),
                new Endpoint("DELETE", "/projections/{view}/shadow", Map.of()),
                new Endpoint("POST", "/dead-letters/{view}/retry", Map.of()),
                new Endpoint("POST", "/dead-letters/{view}/{letterId}/skip", Map.of()),
                // A freeze only of an event type nothing writes: whatever a probe makes of it holds nothing real.
                new Endpoint("POST", "/containment/freezes", Map.of("eventType", "\"FuzzNeverWrittenEvent\"",
                        "reason", "\"fuzz\"")),
                new Endpoint("POST", "/containment/freezes/{freezeId}/thaw", Map.of("reason", "\"fuzz\"")),
                // A void of an event type nothing writes, or of ids no store holds: nothing real is voided.
                new Endpoint("POST", "/containment/voids", Map.of("eventType", "\"FuzzNeverWrittenEvent\"",
                        "reason", "\"fuzz\"")),
                new Endpoint("POST", "/containment/voids", Map.of("eventIds", "[\"evt-0000\"]",
                        "reason", "\"fuzz\"")));
        Map<String, List<String>> knownIds = Map.of(
                "customerId", List.of(euCustomer, usCustomer),
                "aggregateId", List.of(euCustomer, policyId),
                "purpose", List.of("claims-processing"),
                "policyId", List.of(policyId),
                "freezeId", List.of("frz-0000000000000000"),
                "asOf", List.of("2026-11-23T10:15:30Z"));
        return HostileRequests.probes(endpoints, List.of(EU, US, APAC), knownIds);
    }

    /** The request as bytes: it may hold what no HTTP client sends (a path with a bad escape, invalid UTF-8). */
    private static byte[] request(Probe probe) {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder(probe.method() + " " + probe.path() + " HTTP/1.1\r\n"
                + "Host: localhost\r\nConnection: close\r\nContent-Length: " + probe.body().length + "\r\n");
        probe.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        request.writeBytes(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        request.writeBytes(probe.body());
        return request.toByteArray();
    }

    private static boolean visibleEverywhere(String kind, String id) {
        return List.of(EU, US, APAC).stream().allMatch(region -> API.get(region, kind + id).status() == 200);
    }
}
