package dev.regent.insurer;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.regent.lab.LocalIdentityProvider;
import dev.regent.application.security.Scopes;
import dev.regent.insurer.support.PeerCaller;
import dev.regent.insurer.support.RegentClient;
import dev.regent.insurer.support.RegentClient.Answer;
import dev.regent.insurer.support.ThreeRegions;
import dev.regent.insurer.claims.ApproveClaimCommand;
import dev.regent.insurer.claims.ClaimId;
import dev.regent.insurer.identity.ChangeConsentCommand;
import dev.regent.insurer.identity.ConsentPurpose;
import dev.regent.insurer.identity.CustomerId;
import dev.regent.domain.ownership.OwnershipMetadata;
import dev.regent.insurer.policy.PolicyId;
import dev.regent.insurer.policy.ReserveCoverageCommand;
import dev.regent.domain.shared.MonetaryAmount;
import dev.regent.infrastructure.peer.PeerIdentity;
import dev.regent.infrastructure.routing.CommandWireFormat;
import dev.regent.infrastructure.routing.ForwardedCommand;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static dev.regent.insurer.support.InsurerFixture.claim;
import static dev.regent.insurer.support.InsurerFixture.customer;
import static dev.regent.insurer.support.InsurerFixture.policy;
import static dev.regent.insurer.support.ThreeRegions.APAC;
import static dev.regent.insurer.support.ThreeRegions.EU;
import static dev.regent.insurer.support.ThreeRegions.US;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The trust boundaries, tried as an attacker on the same host would: no credentials, the wrong ones, forged internal
 * calls, and each attack the security review found. Every refusal leaves the stores, registries and read models of
 * all three regions as they were.
 */
class SecurityIT {

    private static final RegentClient api = ThreeRegions.client();
    private static String frenchCustomer;
    private static String germanCustomer;
    private static String policyId;
    private static String claimId;

    /** One endpoint of the README's API table, with the scope it needs. */
    record Endpoint(String method, String path, Object body, String scope) {

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    @BeforeAll
    static void aCustomerAPolicyAndAClaim() {
        frenchCustomer = api.post(EU, "/customers", customer("Amélie Secure", "FR")).text("customerId");
        germanCustomer = api.post(EU, "/customers", customer("Greta Secure", "DE")).text("customerId");
        await().atMost(Duration.ofSeconds(15)).until(() -> api.get(APAC, "/customers/" + frenchCustomer).status()
                == 200);
        policyId = api.post(APAC, "/policies", policy(frenchCustomer, 100)).text("policyId");
        claimId = api.post(APAC, "/claims", claim(policyId, frenchCustomer, 5_000)).text("claimId");
        await().atMost(Duration.ofSeconds(30)).until(() -> "REJECTED".equals(
                api.get(APAC, "/claims/" + claimId).text("status")));
    }

    static List<Endpoint> readmeApiTable() {
        String customer = "/customers/" + frenchCustomer;
        return List.of(
                new Endpoint("POST", "/customers", customer("Nobody", "FR"), Scopes.WRITE),
                new Endpoint("GET", customer, null, Scopes.READ),
                new Endpoint("PUT", customer + "/contact", Map.of("email", "x@example.fr"), Scopes.WRITE),
                new Endpoint("POST", "/policies", policy(frenchCustomer, 10), Scopes.WRITE),
                new Endpoint("GET", "/policies/" + policyId, null, Scopes.READ),
                new Endpoint("PUT", "/policies/" + policyId + "/coverage-limit", Map.of("coverageLimit", 200),
                        Scopes.WRITE),
                new Endpoint("PUT", customer + "/consents/claims-processing", Map.of("granted", false),
                        Scopes.WRITE),
                new Endpoint("POST", customer + "/suspension", Map.of("reason", "fraud"), Scopes.WRITE),
                new Endpoint("POST", "/claims", claim(policyId, frenchCustomer, 1), Scopes.WRITE),
                new Endpoint("GET", "/claims/" + claimId, null, Scopes.READ),
                new Endpoint("GET", "/requests/r-1", null, Scopes.READ),
                new Endpoint("DELETE", customer + "/personal-data", null, Scopes.WRITE),
                new Endpoint("GET", "/residency/egress", null, Scopes.AUDIT),
                new Endpoint("GET", "/ownership/" + frenchCustomer, null, Scopes.READ),
                new Endpoint("POST", "/ownership/" + frenchCustomer + "/transfer",
                        Map.of("toRegion", APAC, "reason", "attack"), Scopes.OPERATE),
                new Endpoint("POST", "/ownership/transfers",
                        Map.of("fromRegion", EU, "toRegion", APAC, "reason", "attack"), Scopes.OPERATE),
                new Endpoint("GET", "/ownership/" + frenchCustomer + "/fenced-writes", null, Scopes.OPERATE),
                new Endpoint("GET", "/audit/CustomerIdentity/" + frenchCustomer, null, Scopes.AUDIT),
                new Endpoint("GET", "/audit/operator-actions", null, Scopes.AUDIT),
                new Endpoint("POST", "/reconciliation/runs", Map.of("repair", true), Scopes.OPERATE),
                new Endpoint("GET", "/reconciliation/runs/run-1", null, Scopes.OPERATE),
                new Endpoint("GET", "/reconciliation/status", null, Scopes.OPERATE),
                new Endpoint("GET", "/projections", null, Scopes.OPERATE),
                new Endpoint("POST", "/projections/customers/rebuild", null, Scopes.OPERATE),
                new Endpoint("POST", "/projections/customers/shadow", null, Scopes.OPERATE),
                new Endpoint("GET", "/projections/customers/shadow", null, Scopes.OPERATE),
                new Endpoint("POST", "/projections/customers/shadow/swap", null, Scopes.OPERATE),
                new Endpoint("DELETE", "/projections/customers/shadow", null, Scopes.OPERATE),
                new Endpoint("GET", "/dead-letters", null, Scopes.OPERATE),
                new Endpoint("POST", "/dead-letters/customers/retry", null, Scopes.OPERATE),
                new Endpoint("POST", "/dead-letters/customers/l-1/skip", Map.of("reason", "attack"),
                        Scopes.OPERATE),
                new Endpoint("GET", "/containment/freezes", null, Scopes.OPERATE),
                new Endpoint("GET", "/containment/freezes/frz-1", null, Scopes.OPERATE),
                new Endpoint("POST", "/containment/freezes", Map.of("originRegion", EU, "reason", "attack"),
                        Scopes.OPERATE),
                new Endpoint("POST", "/containment/freezes/frz-1/thaw", Map.of("reason", "attack"), Scopes.OPERATE),
                new Endpoint("GET", "/containment/voids", null, Scopes.OPERATE),
                new Endpoint("POST", "/containment/voids", Map.of("eventIds", List.of("evt-1"), "reason", "attack"),
                        Scopes.OPERATE),
                new Endpoint("GET", "/region/instances", null, Scopes.OPERATE),
                new Endpoint("GET", "/actuator/prometheus", null, Scopes.OPERATE));
    }

    @Test
    void everyEndpointWithoutCredentials_isRefused401_asAProblemWithTheBearerChallenge() {
        Snapshot before = Snapshot.take(frenchCustomer);
        for (Endpoint endpoint : readmeApiTable()) {
            Answer answer = api.anonymous().send(US, endpoint.method(), endpoint.path(), endpoint.body(),
                    Map.of("Cookie", "JSESSIONID=stolen", "Origin", "https://evil.example"));
            assertThat(answer.status()).as(endpoint.toString()).isEqualTo(401);
            assertThat(answer.contentType()).as(endpoint.toString()).startsWith("application/problem+json");
            assertThat(answer.text("title")).isEqualTo("Authentication required");
        }
        assertThat(Snapshot.take(frenchCustomer)).isEqualTo(before);
    }

    @Test
    void everyEndpoint_needsItsOwnScope_andAnotherScopeIsRefused403() {
        Snapshot before = Snapshot.take(frenchCustomer);
        for (Endpoint endpoint : readmeApiTable()) {
            for (String scope : Scopes.ALL) {
                if (scope.equals(endpoint.scope())) {
                    continue;
                }
                Answer answer = api.withScopes("mallory", scope).send(US, endpoint.method(), endpoint.path(),
                        endpoint.body(), Map.of());
                assertThat(answer.status()).as(endpoint + " with " + scope).isEqualTo(403);
                assertThat(answer.contentType()).startsWith("application/problem+json");
            }
        }
        assertThat(Snapshot.take(frenchCustomer)).isEqualTo(before);
    }

    @Test
    void tokensThatAreNotTheProvidersOrNotForRegentOrExpired_areRefused401() {
        LocalIdentityProvider provider = ThreeRegions.topology().identity();
        LocalIdentityProvider stranger = LocalIdentityProvider.create();
        Date hourAgo = Date.from(Instant.now().minus(Duration.ofHours(1)));
        Date inAnHour = Date.from(Instant.now().plus(Duration.ofHours(1)));
        JWTClaimsSet.Builder valid = new JWTClaimsSet.Builder().issuer(LocalIdentityProvider.ISSUER)
                .audience(LocalIdentityProvider.AUDIENCE).subject("mallory").expirationTime(inAnHour)
                .claim("scope", String.join(" ", Scopes.ALL));
        Map<String, String> refused = Map.of(
                "expired", provider.sign(new JWTClaimsSet.Builder(valid.build()).expirationTime(hourAgo).build()),
                "other issuer", provider.sign(new JWTClaimsSet.Builder(valid.build()).issuer("https://evil").build()),
                "other audience", provider.sign(new JWTClaimsSet.Builder(valid.build()).audience("billing").build()),
                "no expiry", provider.sign(new JWTClaimsSet.Builder(valid.build()).expirationTime(null).build()),
                "signed by another key", stranger.sign(valid.build()),
                "unsigned (alg none)", new com.nimbusds.jwt.PlainJWT(valid.build()).serialize(),
                "garbage", "not-a-token");
        refused.forEach((what, token) -> {
            Answer answer = api.as(token).get(US, "/customers/" + frenchCustomer);
            assertThat(answer.status()).as(what).isEqualTo(401);
            assertThat(answer.contentType()).as(what).startsWith("application/problem+json");
        });
        assertThat(api.as(provider.sign(valid.build())).get(US, "/customers/" + frenchCustomer).status())
                .as("the same claims, valid").isEqualTo(200);
    }

    @Test
    void noAnswerSetsACookie_soThereIsNoSessionToRideOn() {
        Answer answer = api.anonymous().send(EU, "POST", "/projections/customers/rebuild", null,
                Map.of("Cookie", "JSESSIONID=stolen"));
        Answer authorised = api.get(EU, "/customers/" + frenchCustomer);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(authorised.status()).isEqualTo(200);
        assertThat(ThreeRegions.database(EU).queryForObject("select count(*) from regent_operator_action "
                + "where action = 'rebuild' and principal <> 'test-client'", Integer.class)).isZero();
    }

    @Test
    void theInternalEndpoints_areNotServedOnThePublicListener_evenWithEveryScope() {
        Snapshot before = Snapshot.take(frenchCustomer);

        Answer anonymous = api.anonymous().post(EU, "/internal/ownership/" + frenchCustomer + "/release",
                Map.of("toRegion", APAC, "reason", "attack"));
        Answer withEveryScope = api.post(EU, "/internal/ownership/" + frenchCustomer + "/release",
                Map.of("toRegion", APAC, "reason", "attack"));
        Answer digests = api.get(EU, "/internal/reconciliation/customers/buckets?for=us&buckets=1");

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(withEveryScope.status()).isEqualTo(403);
        assertThat(digests.status()).isEqualTo(403);
        assertThat(Snapshot.take(frenchCustomer)).isEqualTo(before);
    }

    @Test
    void thePeerListener_refusesNoCertificate_anUntrustedCa_andAnIdentityThatIsNoRegion() {
        Snapshot before = Snapshot.take(frenchCustomer);
        Map<String, String> release = Map.of("toRegion", APAC, "reason", "attack");
        String path = "/internal/ownership/" + frenchCustomer + "/release";

        PeerCaller.Answer noCertificate = PeerCaller.withoutCertificate().post(EU, path, release);
        PeerCaller.Answer untrusted = PeerCaller.untrusted(APAC).post(EU, path, release);
        PeerCaller.Answer mars = PeerCaller.withIdentity("mars", PeerIdentity.URI_PREFIX + "mars")
                .post(EU, path, release);
        PeerCaller.Answer noIdentity = PeerCaller.withIdentity("web", "https://web.example").post(EU, path, release);

        assertThat(noCertificate.handshakeRefused()).as(noCertificate.toString()).isTrue();
        assertThat(untrusted.handshakeRefused()).as(untrusted.toString()).isTrue();
        assertThat(mars.status()).isEqualTo(401);
        assertThat(noIdentity.status()).isEqualTo(401);
        assertThat(Snapshot.take(frenchCustomer)).isEqualTo(before);
    }

    @Test
    void aGenuinePeerNamingAnotherRegion_isRefused403_andNothingIsReleasedOrAnswered() {
        Snapshot before = Snapshot.take(frenchCustomer);
        PeerCaller apac = PeerCaller.as(APAC);

        PeerCaller.Answer releaseForUs = apac.post(EU, "/internal/ownership/" + frenchCustomer + "/release",
                Map.of("toRegion", US, "reason", "attack"));
        PeerCaller.Answer digestsForUs = apac.send(EU, "GET", "/internal/reconciliation/customers/buckets?for=us"
                + "&buckets=1", null, Map.of());
        PeerCaller.Answer resyncForUs = apac.post(EU, "/internal/reconciliation/resync?for=us",
                List.of(frenchCustomer));
        PeerCaller.Answer publicApi = apac.send(EU, "GET", "/customers/" + frenchCustomer, null, Map.of());
        PeerCaller.Answer relayedTransferWithoutToken = apac.post(EU, "/internal/ownership/" + germanCustomer
                + "/transfer", Map.of("toRegion", EU, "reason", "attack"));

        assertThat(releaseForUs.status()).isEqualTo(403);
        assertThat(digestsForUs.status()).isEqualTo(403);
        assertThat(resyncForUs.status()).isEqualTo(403);
        assertThat(publicApi.status()).isEqualTo(403);
        assertThat(relayedTransferWithoutToken.status()).isEqualTo(401);
        assertThat(Snapshot.take(frenchCustomer)).isEqualTo(before);
    }

    @Test
    void subjectKeys_areGrantedOnlyToAPeerThePolicySharesWith_andNeverOnThePublicListener() {
        String american = api.post(US, "/customers", customer("Sam Secure", "US")).text("customerId");
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get(US, "/ownership/" + american).status() == 200);
        String path = "/internal/subject-keys/";

        assertThat(api.anonymous().get(US, path + american).status()).isEqualTo(401);
        assertThat(api.get(US, path + american).status()).as("every scope, public listener").isEqualTo(403);
        assertThat(PeerCaller.withoutCertificate().send(US, "GET", path + american, null, Map.of())
                .handshakeRefused()).isTrue();
        assertThat(PeerCaller.withIdentity("mars", PeerIdentity.URI_PREFIX + "mars")
                .send(US, "GET", path + american, null, Map.of()).status()).isEqualTo(401);
        // us pseudonymises toward apac and eu encrypts or redacts toward everyone: no key for them.
        PeerCaller.Answer apacAsksUs = PeerCaller.as(APAC).send(US, "GET", path + american, null, Map.of());
        PeerCaller.Answer usAsksEu = PeerCaller.as(US).send(EU, "GET", path + frenchCustomer, null, Map.of());
        assertThat(apacAsksUs.status()).isEqualTo(403);
        assertThat(apacAsksUs.body().has("key")).isFalse();
        assertThat(usAsksEu.status()).isEqualTo(403);
        assertThat(usAsksEu.body().has("key")).isFalse();
        // us shares personal data with eu: eu, and only eu, is given its share key (a 256-bit AES key).
        PeerCaller.Answer euAsksUs = PeerCaller.as(EU).send(US, "GET", path + american, null, Map.of());
        assertThat(euAsksUs.status()).isEqualTo(200);
        assertThat(java.util.Base64.getDecoder().decode(euAsksUs.body().get("key").asText())).hasSize(32);
        assertThat(PeerCaller.as(EU).send(US, "GET", path + "no-such-subject", null, Map.of()).status())
                .isEqualTo(404);
    }

    @Test
    void forgedCommands_withoutAPeerIdentity_neverReachTheOwner() {
        CommandWireFormat wire = ThreeRegions.region(APAC).bean(CommandWireFormat.class);
        String claimBefore = api.get(APAC, "/claims/" + claimId).text("status");
        Snapshot before = Snapshot.take(frenchCustomer);
        ForwardedCommand approve = wire.toWire(GenericCommandMessage.asCommandMessage(
                new ApproveClaimCommand(new ClaimId(claimId))));
        ForwardedCommand reserve = wire.toWire(GenericCommandMessage.asCommandMessage(new ReserveCoverageCommand(
                new PolicyId(policyId), "forged-claim", new CustomerId(frenchCustomer), new MonetaryAmount(BigDecimal.ONE))));

        for (ForwardedCommand forged : List.of(approve, reserve)) {
            assertThat(api.anonymous().send(APAC, "POST", "/internal/commands", forged).status()).isEqualTo(401);
            assertThat(api.send(APAC, "POST", "/internal/commands", forged).status()).isEqualTo(403);
            assertThat(PeerCaller.withoutCertificate().post(APAC, "/internal/commands", forged)
                    .handshakeRefused()).isTrue();
        }

        assertThat(api.get(APAC, "/claims/" + claimId).text("status")).isEqualTo(claimBefore);
        assertThat(eventTypes(APAC, policyId)).doesNotContain("CoverageReservedEvent");
        assertThat(Snapshot.take(frenchCustomer)).isEqualTo(before);
    }

    @Test
    void aPeersCommand_ofATypeTheRegionDoesNotHandle_isA400_andNothingIsLoaded() {
        PeerCaller.Answer thread = PeerCaller.as(US).post(EU, "/internal/commands", Map.of("identifier", "x-1",
                "commandName", "java.lang.Thread", "payload", Map.of("type", "java.lang.Thread", "data", "{}"),
                "metaData", Map.of()));
        PeerCaller.Answer smuggled = PeerCaller.as(US).post(EU, "/internal/commands", Map.of("identifier", "x-2",
                "commandName", ChangeConsentCommand.class.getName(),
                "payload", Map.of("type", "java.net.URL", "data", "\"http://example.com\""), "metaData", Map.of()));

        assertThat(thread.status()).isEqualTo(400);
        assertThat(thread.body().get("detail").asText()).contains("Unknown command type 'java.lang.Thread'");
        assertThat(smuggled.status()).isEqualTo(400);
    }

    @Test
    void aGenuinePeersForgedMetadata_isReplacedByItsOwnIdentity_inTheStoredEvent() {
        String customer = api.post(EU, "/customers", customer("Forged Metadata", "FR")).text("customerId");
        CommandWireFormat wire = ThreeRegions.region(APAC).bean(CommandWireFormat.class);
        ForwardedCommand forged = wire.toWire(GenericCommandMessage.asCommandMessage(new ChangeConsentCommand(
                new CustomerId(customer), ConsentPurpose.CLAIMS_PROCESSING, false)).andMetaData(Map.of(
                OwnershipMetadata.ACCEPTED_REGION, "mars", OwnershipMetadata.FORWARDED_FROM, US,
                OwnershipMetadata.ORIGIN_REGION, US)));

        PeerCaller.Answer answer = PeerCaller.as(APAC).post(EU, "/internal/commands", forged);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode trail = api.get(EU, "/audit/CustomerIdentity/" + customer).body().get("events");
        JsonNode withdrawn = trail.get(trail.size() - 1);
        assertThat(withdrawn.get("type").asText()).isEqualTo("ConsentWithdrawnEvent");
        assertThat(withdrawn.get("acceptedRegion").asText()).isEqualTo(APAC);
        assertThat(withdrawn.get("originRegion").asText()).isEqualTo(EU);
    }

    @Test
    void anOperatorsTransfer_isRecordedWithTheirNameAndReason_whereverTheyAskedIt() {
        String american = api.post(US, "/customers", customer("Relocated Secure", "US")).text("customerId");
        await().atMost(Duration.ofSeconds(15)).until(() -> api.get(APAC, "/ownership/" + american).status() == 200);
        RegentClient alice = api.withScopes("alice", Scopes.OPERATE, Scopes.READ);

        Answer moved = alice.post(APAC, "/ownership/" + american + "/transfer",
                Map.of("toRegion", EU, "reason", "ticket OPS-42: customer moved to Lyon"));

        assertThat(moved.status()).as(moved.body().toString()).isEqualTo(200);
        JsonNode history = api.get(EU, "/audit/CustomerIdentity/" + american).body().get("ownership");
        JsonNode transfer = history.get(history.size() - 1);
        assertThat(transfer.get("requestedBy").asText()).isEqualTo("alice");
        assertThat(transfer.get("reason").asText()).isEqualTo("ticket OPS-42: customer moved to Lyon");
        assertThat(operatorActions(EU)).anySatisfy(action -> {
            assertThat(action.get("principal").asText()).isEqualTo("alice");
            assertThat(action.get("action").asText()).isEqualTo("transfer");
            assertThat(action.get("target").asText()).isEqualTo(american);
        });
        assertThat(operatorActions(APAC)).anySatisfy(action -> {
            assertThat(action.get("principal").asText()).isEqualTo("alice");
            assertThat(action.get("outcome").asText()).isEqualTo("relayed to eu: 200");
        });
        // Asked again (a replayed request): the aggregate is already there, refused, nothing moves.
        Answer again = alice.post(APAC, "/ownership/" + american + "/transfer",
                Map.of("toRegion", EU, "reason", "replayed"));
        assertThat(again.status()).isEqualTo(409);
    }

    private static List<JsonNode> operatorActions(String region) {
        JsonNode actions = api.get(region, "/audit/operator-actions").body();
        return java.util.stream.StreamSupport.stream(actions.spliterator(), false).toList();
    }

    private static List<String> eventTypes(String region, String aggregateId) {
        return ThreeRegions.database(region).queryForList("select payload_type from domain_event_entry "
                + "where aggregate_identifier = ? order by sequence_number", String.class, aggregateId).stream()
                .map(type -> type.substring(type.lastIndexOf('.') + 1)).toList();
    }

    /** What every region holds of an aggregate and of the system: events, ownership, operator actions, views. */
    record Snapshot(Map<String, Object> byRegion) {

        /** The customers, policy and claim of this test, and {@code aggregateId}, in every region. */
        static Snapshot take(String aggregateId) {
            Map<String, Object> byRegion = new java.util.TreeMap<>();
            for (String region : List.of(EU, US, APAC)) {
                var db = ThreeRegions.database(region);
                byRegion.put(region + " freezes", db.queryForList("select freeze_id || ':' || "
                        + "coalesce(thawed_by, 'active') from regent_freeze order by freeze_id", String.class));
                for (String id : List.of(aggregateId, frenchCustomer, germanCustomer, policyId, claimId)) {
                    byRegion.put(region + " " + id + " events", db.queryForObject("select count(*) from "
                            + "domain_event_entry where aggregate_identifier = ?", Long.class, id));
                    byRegion.put(region + " " + id + " ownership", db.queryForList("select owner_region || '@' || "
                            + "epoch from regent_ownership where aggregate_id = ?", String.class, id));
                    byRegion.put(region + " " + id + " views", db.queryForList("select view_name || '@' || "
                            + "last_sequence from regent_view where aggregate_id = ? order by view_name",
                            String.class, id));
                }
                byRegion.put(region + " pending handovers", db.queryForObject(
                        "select count(*) from regent_pending_handover", Long.class));
            }
            return new Snapshot(byRegion);
        }
    }
}
