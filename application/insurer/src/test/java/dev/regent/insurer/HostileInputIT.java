package dev.regent.insurer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.regent.insurer.support.RegentClient;
import dev.regent.insurer.support.RegentClient.Answer;
import dev.regent.insurer.support.RegionStores;
import dev.regent.insurer.support.ThreeRegions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
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
 * What an attacker or a careless client sent, replayed: each is refused with a 4xx problem naming what is wrong, and
 * afterwards every region's stores, registries and views are as they were, and healthy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIT {

    private final RegentClient api = ThreeRegions.client();
    private String holder;
    private String someoneElse;
    private String policyId;
    private RegionStores before;

    @BeforeAll
    void givenACustomerWithAPolicyInApac_andAnotherCustomer() {
        holder = api.post(EU, "/customers", customer("Policy Holder", "FR")).text("customerId");
        someoneElse = api.post(EU, "/customers", customer("Someone Else", "DE")).text("customerId");
        await().atMost(Duration.ofSeconds(15)).until(() -> api.get(APAC, "/customers/" + holder).status() == 200
                && api.get(APAC, "/customers/" + someoneElse).status() == 200);
        policyId = api.post(APAC, "/policies", policy(holder, 10_000)).text("policyId");
        await().atMost(Duration.ofSeconds(15)).until(() -> api.get(APAC, "/policies/" + policyId).status() == 200);
        before = RegionStores.settled();
    }

    @AfterAll
    void thenNothingWasKeptAnywhere_andEveryRegionIsHealthy() {
        assertThat(RegionStores.settled()).isEqualTo(before);
        RegionStores.assertHealthy(api);
    }

    @Test
    void textWithControlCharacters_isRefusedNamingTheField() {
        for (String field : List.of("name", "email", "phone", "domicile")) {
            for (String control : List.of("\u0000", "\u001b", "\u007f", "\u0085", "\n")) {
                Map<String, String> body = new HashMap<>(customer("Ann Smith", "FR"));
                body.put(field, body.get(field).substring(0, 1) + control + body.get(field).substring(1));
                Answer answer = api.post(US, "/customers", body);
                assertRefused(answer, 400, field, "control character U+00");
            }
        }
        assertRefused(api.post(EU, "/customers", customer("A\u0000B", "FR")), 400, "name",
                "contains the control character U+0000 at position 2");
    }

    @Test
    void unpairedSurrogates_escapedOrAsRawBytes_areRefusedNotTurnedIntoQuestionMarks() {
        assertRefused(send(EU, "POST", "/customers", registration("\"Ann\\ud800\"")), 400, "name",
                "unpaired surrogate U+D800 at position 4");
        assertRefused(send(EU, "POST", "/customers", registration("\"\\udc00Ann\"")), 400, "name",
                "unpaired surrogate U+DC00");
        // CESU-8 bytes of U+D800, which is not UTF-8 at all.
        byte[] raw = registration("\"Ann\u0000\"").getBytes(StandardCharsets.UTF_8);
        int at = new String(raw, StandardCharsets.UTF_8).indexOf('\u0000');
        byte[] cesu = new byte[raw.length + 2];
        System.arraycopy(raw, 0, cesu, 0, at);
        cesu[at] = (byte) 0xED;
        cesu[at + 1] = (byte) 0xA0;
        cesu[at + 2] = (byte) 0x80;
        System.arraycopy(raw, at + 1, cesu, at + 3, raw.length - at - 1);
        Answer answer = api.send(EU, "POST", "/customers", cesu);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(400);
        assertThat(answer.isProblem()).isTrue();
        assertThat(answer.body().at("/errors/0/field").asText()).isEqualTo("name");
    }

    @Test
    void hugeTinyAndOverPreciseAmounts_areRefusedNamingTheField_notMalformedJson() {
        String customerId = holder;
        for (String limit : List.of("1E+5000", "1e400", "1" + "0".repeat(1_199), "12345678901234567",
                "10000000000000000.00", "1.001", "1e-400", "0.000000000000000000000000000000000000000001")) {
            Answer answer = send(APAC, "POST", "/policies", "{\"customerId\":\"" + customerId
                    + "\",\"product\":\"HOME-CONTENTS\",\"coverageLimit\":" + limit + "}");
            assertRefused(answer, 400, "coverageLimit", "");
            assertThat(answer.body().get("title").asText()).isNotEqualTo("Malformed JSON");
        }
        assertRefused(send(APAC, "POST", "/policies", "{\"customerId\":\"" + customerId
                + "\",\"product\":\"HOME-CONTENTS\",\"coverageLimit\":-1E+5000}"), 400, "coverageLimit", "");
        assertRefused(send(APAC, "POST", "/policies", "{\"customerId\":\"" + customerId
                + "\",\"product\":\"HOME-CONTENTS\",\"coverageLimit\":\"50000\"}"), 400, "coverageLimit",
                "expected a number");
        assertRefused(send(APAC, "POST", "/claims", "{\"policyId\":\"" + policyId + "\",\"customerId\":\""
                + holder + "\",\"amount\":1E+5000,\"description\":\"Flood\"}"), 400, "amount", "");
    }

    @Test
    void aBodyOverTheLimit_isRefused413_withoutBeingRead() {
        String huge = registration("\"" + "A".repeat(10 * 1024 * 1024) + "\"");
        Answer declared = send(EU, "POST", "/customers", huge);
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.isProblem()).isTrue();
        assertThat(declared.body().get("detail").asText()).contains("65536 bytes");

        // Chunked (no declared length): refused as soon as the limit is passed.
        Answer chunked = api.sendStreamed(EU, "POST", "/customers",
                () -> new ByteArrayInputStream(registration("\"" + "B".repeat(100_000) + "\"")
                        .getBytes(StandardCharsets.UTF_8)));
        assertThat(chunked.status()).isEqualTo(413);
        assertThat(chunked.isProblem()).isTrue();

        // The public limit follows the path the container resolves, not the one written.
        byte[] body = registration("\"" + "C".repeat(100_000) + "\"").getBytes(StandardCharsets.UTF_8);
        Answer disguised = api.raw(EU, concat(("POST /internal/../customers HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1), body));
        assertThat(disguised.status()).isEqualTo(413);
        assertThat(disguised.isProblem()).isTrue();
    }

    @Test
    void oddPathsAndIds_areProblems_neverTheContainersHtml() {
        assertRefused(api.get(EU, "/customers/" + "c".repeat(200)), 400, "customerId", "at most 64 characters");
        assertRefused(api.post(EU, "/customers/" + "c".repeat(200) + "/suspension", Map.of("reason", "fraud")), 400,
                "customerId", "at most 64 characters");
        assertRefused(api.get(EU, "/customers/has%20space"), 400, "customerId", "is not an identifier");
        assertRefused(api.get(EU, "/ownership/%C3%A9t%C3%A9"), 400, "aggregateId", "is not an identifier");
        for (String path : List.of("/customers/" + "c".repeat(10_000), "/customers/a%2Fb", "/customers/a%00b",
                "/customers/a%5Cb", "/customers/..%2F..%2Fetc", "/customers/%C0%AE", "/customers/%zz")) {
            Answer answer = api.raw(EU, ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            assertThat(answer.status()).as(path).isBetween(400, 499);
            assertThat(answer.isProblem()).as(path + " answered " + answer.contentType() + ": " + answer.body())
                    .isTrue();
        }
        Answer control = api.raw(EU, ("GET /customers/a\u0001b HTTP/1.1\r\nHost: localhost\r\nConnection: close"
                + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        assertThat(control.status()).isEqualTo(400);
        assertThat(control.isProblem()).as(control.body().toString()).isTrue();
    }

    @Test
    void badHeaders_areProblems() {
        for (String header : List.of("X-Odd: a\u0001b", "Bad Name: x", "X-Long: " + "h".repeat(20_000),
                "Content-Length: twelve", "Content-Length: -1")) {
            Answer answer = api.raw(EU, ("POST /customers HTTP/1.1\r\nHost: localhost\r\n" + header
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            assertThat(answer.status()).as(header).isBetween(400, 499);
            assertThat(answer.isProblem()).as(header + " answered " + answer.contentType() + ": " + answer.body())
                    .isTrue();
        }
    }

    @Test
    void oddRequestLinesAndMethods_areProblems() {
        for (String line : List.of("TRACE /customers HTTP/1.1", "CONNECT localhost:443 HTTP/1.1",
                "GET * HTTP/1.1", "FOO /customers HTTP/1.1", "GET /customers HTTP/9.9",
                "GET customers HTTP/1.1", "G\u0001T /customers HTTP/1.1")) {
            Answer answer = api.raw(EU, (line + "\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            assertThat(answer.status()).as(line).isBetween(400, 599).isNotEqualTo(500);
            assertThat(answer.isProblem()).as(line + " answered " + answer.contentType() + ": " + answer.body())
                    .isTrue();
        }
    }

    @Test
    void unknownPathsAndMethods_areProblems_whateverTheClientAccepts() {
        for (Map<String, String> headers : List.of(Map.<String, String>of(), Map.of("Accept", "text/html"))) {
            Answer unknown = api.send(EU, "GET", "/nothing/here", null, headers);
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.isProblem()).as(unknown.contentType()).isTrue();
            Answer method = api.send(EU, "DELETE", "/policies", null, headers);
            assertThat(method.status()).isEqualTo(405);
            assertThat(method.isProblem()).as(method.contentType()).isTrue();
            Answer errorPage = api.send(EU, "GET", "/error", null, headers);
            assertThat(errorPage.status()).isEqualTo(404);
            assertThat(errorPage.isProblem()).as(errorPage.contentType()).isTrue();
        }
        Answer notJson = api.send(EU, "POST", "/customers", "name=x", Map.of("Content-Type", "text/plain"));
        assertThat(notJson.status()).isEqualTo(415);
        assertThat(notJson.isProblem()).isTrue();
    }

    @Test
    void wrongTypesDuplicatesDeepNestingAndTrailingGarbage_areRefused() {
        assertRefused(send(EU, "POST", "/customers", registration("12")), 400, "name", "expected text");
        assertRefused(send(EU, "POST", "/customers", registration("{\"first\":\"Ann\"}")), 400, "name",
                "expected text");
        assertRefused(send(EU, "POST", "/customers", registration("[\"Ann\"]")), 400, "name", "expected text");
        Answer twice = send(EU, "POST", "/customers", "{\"name\":\"Ann\",\"name\":\"Bob\",\"email\":\"a@b.fr\","
                + "\"phone\":\"+33 1 00 00 00 00\",\"domicile\":\"FR\"}");
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.body().get("detail").asText()).contains("Duplicate field 'name'");
        Answer deep = send(EU, "POST", "/customers", "{\"extra\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}");
        assertThat(deep.status()).isEqualTo(400);
        assertThat(deep.body().get("title").asText()).isEqualTo("Request body too complex");
        Answer trailing = send(EU, "POST", "/customers", registration("\"Ann\"") + " {}");
        assertThat(trailing.status()).isEqualTo(400);
        assertThat(trailing.isProblem()).isTrue();
        assertThat(send(EU, "POST", "/customers", "").body().get("title").asText()).isEqualTo("Missing body");
        assertRefused(send(EU, "PUT", "/customers/" + holder + "/consents/claims-processing",
                "{\"granted\":\"maybe\"}"), 400, "granted", "expected true or false");
        assertRefused(send(US, "POST", "/reconciliation/runs", "{\"repair\":[true]}"), 400, "repair",
                "expected true or false");
    }

    @Test
    void overLongText_isRefusedNamingTheFieldAndItsLimit() {
        assertRefused(api.post(EU, "/customers", customer("N".repeat(201), "FR")), 400, "name",
                "must be at most 200 characters");
        assertRefused(api.post(APAC, "/claims", Map.of("policyId", policyId, "customerId", holder, "amount", 10,
                "description", "d".repeat(2_001))), 400, "description", "must be at most 2000 characters");
        assertRefused(api.post(EU, "/customers/" + holder + "/suspension", Map.of("reason", "r".repeat(501))), 400,
                "reason", "must be at most 500 characters");
        assertRefused(api.get(EU, "/dead-letters?view=" + "v".repeat(300)), 400, "view", "at most 256 characters");
        assertRefused(api.get(EU, "/dead-letters?view=a%00b"), 400, "view", "control character U+0000");
    }

    @Test
    void anAuditAsOfAnInstantAndAtASequence_isRefused() {
        assertRefused(api.get(EU, "/audit/CustomerIdentity/" + holder + "?asOf=2026-11-23T10:15:30Z&atSequence=0"),
                400, "atSequence", "cannot be combined with asOf");
        assertRefused(api.get(EU, "/audit/CustomerIdentity/" + holder + "?atSequence=abc"), 400, "atSequence",
                "expected a number");
    }

    @Test
    void aBulkTransferOfAnUnknownAggregateType_isRefused_beforeAnythingMoves() {
        assertRefused(api.post(EU, "/ownership/transfers", Map.of("fromRegion", US, "toRegion", EU,
                "aggregateType", "Policies", "reason", "typo")), 400, "aggregateType",
                "'Policies' is not an aggregate type (Claim, CustomerIdentity, Policy)");
        assertRefused(api.post(US, "/ownership/transfers", Map.of("fromRegion", "mars", "toRegion", EU,
                "aggregateType", "Policy", "reason", "typo")), 400, "fromRegion", "'mars' is not a region");
    }

    @Test
    void claimsNamingAnUnknownPolicyOrCustomer_orACustomerWhoDoesNotHoldThePolicy_areRefusedUpFront() {
        String unknown = UUID.randomUUID().toString();
        assertRefused(api.post(APAC, "/claims", claim(unknown, holder, 100)), 400, "policyId",
                "no policy " + unknown + " is known in region apac");
        assertRefused(api.post(APAC, "/claims", claim(policyId, unknown, 100)), 400, "customerId",
                "no customer " + unknown + " is known in region apac");
        assertRefused(api.post(APAC, "/claims", claim(policyId, someoneElse, 100)), 400, "customerId",
                "customer " + someoneElse + " is not the holder of policy " + policyId);
    }

    private static byte[] concat(byte[] head, byte[] body) {
        byte[] request = new byte[head.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        return request;
    }

    private Answer send(String region, String method, String path, String body) {
        return api.send(region, method, path, body);
    }

    /** A registration whose name is {@code nameJson} as written (a JSON value, possibly malformed on purpose). */
    private static String registration(String nameJson) {
        return "{\"name\":" + nameJson + ",\"email\":\"ann@example.fr\",\"phone\":\"+33 1 00 00 00 00\","
                + "\"domicile\":\"FR\"}";
    }

    private static void assertRefused(Answer answer, int status, String field, String message) {
        JsonNode body = answer.body();
        assertThat(answer.status()).as(body.toString()).isEqualTo(status);
        assertThat(answer.isProblem()).as(answer.contentType() + " " + body).isTrue();
        assertThat(body.at("/errors/0/field").asText()).as(body.toString()).isEqualTo(field);
        assertThat(body.at("/errors/0/message").asText()).as(body.toString()).contains(message);
    }
}
