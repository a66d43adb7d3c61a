package dev.regent.insurer;

import dev.regent.insurer.support.ByteScanner;
import dev.regent.insurer.support.DatabaseText;
import dev.regent.insurer.support.MirroredTopics;
import dev.regent.insurer.support.RegionStores;
import dev.regent.insurer.support.RegentClient;
import dev.regent.insurer.support.RegentClient.Answer;
import dev.regent.insurer.support.ThreeRegions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.regent.insurer.support.InsurerFixture.claim;
import static dev.regent.insurer.support.InsurerFixture.policy;
import static dev.regent.insurer.support.MirroredTopics.craft;
import static dev.regent.insurer.support.ThreeRegions.APAC;
import static dev.regent.insurer.support.ThreeRegions.EU;
import static dev.regent.insurer.support.ThreeRegions.US;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Distinctive markers in every personal field of EU, US and APAC customers, sent through every region; then every
 * byte of the other regions' databases and Kafka logs is searched for them. The shipped policy: EU personal data is
 * encrypted toward us and redacted toward apac (sensitive data dropped), US data pseudonymised toward apac and shared
 * with eu, APAC data encrypted everywhere else.
 */
class ResidencyLeakIT {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String CONTACT_CHANGED = "dev.regent.insurer.identity.CustomerContactChangedEvent";
    private final RegentClient api = ThreeRegions.client();

    /** A customer whose every personal value is a marker no other test uses. */
    record Marked(String id, List<String> markers) {
    }

    @Test
    void noRegionStoresAnotherRegionsPersonalDataBeyondWhatThePolicyAllows() {
        List<String> eu = new ArrayList<>();
        Marked viaUs = register(US, "FR", eu);
        Marked viaApac = register(APAC, "DE", eu);
        changeContact(US, viaUs, eu);
        assertThat(api.put(APAC, "/customers/" + viaApac.id() + "/consents/claims-processing",
                Map.of("granted", false)).status()).isEqualTo(200);
        String reason = marker("EUREASON", eu);
        assertThat(api.post(US, "/customers/" + viaApac.id() + "/suspension", Map.of("reason", reason)).status())
                .isEqualTo(204);
        // A claim in apac for the suspended EU customer: the owner's refusal (with its sensitive reason) crosses.
        String policyId = api.post(APAC, "/policies", policy(viaApac.id(), 5_000)).text("policyId");
        String claimId = api.post(APAC, "/claims", claim(policyId, viaApac.id(), 100)).text("claimId");

        List<String> us = new ArrayList<>();
        Marked american = register(APAC, "US", us);
        changeContact(EU, american, us);
        List<String> apac = new ArrayList<>();
        Marked singaporean = register(EU, "SG", apac);

        for (Marked customer : List.of(viaUs, viaApac, american, singaporean)) {
            awaitEverywhere(customer.id());
        }
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "REJECTED".equals(api.get(APAC, "/claims/" + claimId).text("status")));

        assertThat(found(US, eu)).as("EU personal data in us").isEmpty();
        assertThat(found(APAC, eu)).as("EU personal data in apac").isEmpty();
        assertThat(found(APAC, us)).as("US personal data in apac (pseudonymised)").isEmpty();
        assertThat(found(EU, apac)).as("APAC personal data in eu").isEmpty();
        assertThat(found(US, apac)).as("APAC personal data in us").isEmpty();
        // The scan does find what the policy lets through: US data is shared with the EU, held in its read model...
        assertThat(ByteScanner.find(ThreeRegions.region(EU).database().dataDir(), us))
                .as("US personal data shared with eu").isNotEmpty();
        // ...but it crossed sealed: no Kafka log of any region holds it in the clear.
        for (String region : List.of(EU, US, APAC)) {
            assertThat(ByteScanner.find(ThreeRegions.region(region).broker().logDir(), us))
                    .as("US personal data in " + region + "'s Kafka log").isEmpty();
        }
    }

    /**
     * The logs keep every event for good, so an erasure must reach them without rewriting them: after erasing a
     * subject of each jurisdiction, none of her personal data can be read in any region's Kafka log, whatever the
     * policy did with it (shared, encrypted, redacted, pseudonymised).
     */
    @Test
    void erasingASubjectOfEachJurisdiction_leavesNoneOfTheirPersonalDataReadableInAnyKafkaLog() {
        List<Marked> customers = oneOfEachJurisdiction();
        Marked american = customers.get(1);
        List<String> markers = customers.stream().flatMap(customer -> customer.markers().stream()).toList();
        assertThat(api.get(EU, "/customers/" + american.id()).text("name"))
                .as("what us shares with eu reads in the clear there").isEqualTo(american.markers().get(0));

        for (Marked customer : customers) {
            assertThat(api.send(APAC, "DELETE", "/customers/" + customer.id() + "/personal-data", null).status())
                    .isEqualTo(204);
        }
        for (Marked customer : customers) {
            for (String region : List.of(EU, US, APAC)) {
                await().atMost(Duration.ofSeconds(20)).until(() ->
                        "[ERASED]".equals(api.get(region, "/customers/" + customer.id()).text("name")));
            }
        }

        for (String region : List.of(EU, US, APAC)) {
            assertThat(ByteScanner.find(ThreeRegions.region(region).broker().logDir(), markers))
                    .as("erased personal data in " + region + "'s Kafka log").isEmpty();
        }
    }

    /**
     * What a region keeps besides its logs and read models must not outlive an erasure either: after erasing a subject
     * of each jurisdiction, none of her personal data can be read in any table of any region's database (after a
     * checkpoint and a vacuum) — not in the read models, not in an event of hers parked or held behind a gap where
     * her data was shared (eu, for a US customer), not in the answers kept for her keyed requests.
     */
    @Test
    void erasingASubjectOfEachJurisdiction_leavesNoneOfTheirPersonalDataReadableInAnyDatabase() {
        List<Marked> customers = oneOfEachJurisdiction();
        Marked american = customers.get(1);
        List<String> markers = customers.stream().flatMap(customer -> customer.markers().stream()).toList();
        // Her contact change as us shares it with eu, copied under aggregates eu never saw: a change with no customer
        // to change is parked; one whose predecessor never comes is held behind the gap. Both opened as eu reads them.
        ConsumerRecord<String, byte[]> changed = MirroredTopics.recordsKeyed(EU, MirroredTopics.topic(US, EU),
                american.id()).stream().filter(record -> CONTACT_CHANGED.equals(MirroredTopics.headers(record)
                .get("axon-message-type"))).findFirst().orElseThrow();
        String parked = "atrest-parked-" + UUID.randomUUID();
        String held = "atrest-held-" + UUID.randomUUID();
        MirroredTopics.write(EU, List.of(craft(changed, parked, 0, Map.of(), changed.value()),
                craft(changed, held, 1, Map.of(), changed.value())));
        JdbcTemplate eu = ThreeRegions.database(EU);
        await().atMost(Duration.ofSeconds(20)).until(() -> !RegionStores.parked(api, List.of(parked)).isEmpty()
                && eu.queryForObject("select count(*) from regent_held_event where aggregate_id = ?", Long.class,
                held) == 1);
        assertThat(DatabaseText.find(eu, american.markers())).as("what us shares with eu, in eu's database")
                .isNotEmpty();

        for (Marked customer : customers) {
            assertThat(api.send(APAC, "DELETE", "/customers/" + customer.id() + "/personal-data", null,
                    Map.of("Idempotency-Key", UUID.randomUUID().toString())).status()).isEqualTo(204);
        }
        for (Marked customer : customers) {
            for (String region : List.of(EU, US, APAC)) {
                await().atMost(Duration.ofSeconds(20)).until(() ->
                        "[ERASED]".equals(api.get(region, "/customers/" + customer.id()).text("name")));
            }
        }

        for (String region : List.of(EU, US, APAC)) {
            JdbcTemplate database = ThreeRegions.database(region);
            DatabaseText.settle(ThreeRegions.region(region).database());
            assertThat(DatabaseText.find(database, markers)).as("erased personal data in " + region + "'s database")
                    .isEmpty();
        }
        // Kept, not deleted: the parked and the held event are still there, sealed under a key that is gone.
        assertThat(RegionStores.parked(api, List.of(parked))).isNotEmpty();
        assertThat(eu.queryForObject("select count(*) from regent_held_event where aggregate_id = ?", Long.class,
                held)).isEqualTo(1);
        assertThat(eu.queryForObject("select count(*) from regent_granted_key where subject_id = ? "
                + "and wrapped_key is not null", Long.class, american.id())).as("eu's grant for her").isZero();
    }

    /** A European, an American whose contact eu changed (us shares it with eu), a Singaporean; known everywhere. */
    private List<Marked> oneOfEachJurisdiction() {
        Marked european = register(US, "FR", new ArrayList<>());
        Marked american = register(APAC, "US", new ArrayList<>());
        changeContact(EU, american, american.markers());
        Marked singaporean = register(EU, "SG", new ArrayList<>());
        List<Marked> customers = List.of(european, american, singaporean);
        customers.forEach(customer -> awaitEverywhere(customer.id()));
        return customers;
    }

    private Marked register(String via, String domicile, List<String> markers) {
        String tag = domicile.equals("US") ? "US" : domicile.equals("SG") ? "APAC" : "EU";
        String name = marker(tag + "NAME", markers);
        String email = marker(tag.toLowerCase() + "mail", markers) + "@example.com";
        String phone = "+" + digits(markers);
        // Keyed, as a careful client sends it: the answer kept for a retry must not hold her data either.
        Answer created = api.send(via, "POST", "/customers", Map.of("name", name, "email", email, "phone", phone,
                "domicile", domicile), Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        String id = created.text("customerId");
        // Known everywhere before anything is routed to her owner from another region.
        for (String region : List.of(EU, US, APAC)) {
            await().atMost(Duration.ofSeconds(15)).until(() -> api.get(region, "/ownership/" + id).status() == 200);
        }
        return new Marked(id, markers);
    }

    private void changeContact(String via, Marked customer, List<String> markers) {
        String email = marker("newmail", markers) + "@example.com";
        String phone = "+" + digits(markers);
        Answer changed = api.send(via, "PUT", "/customers/" + customer.id() + "/contact",
                Map.of("email", email, "phone", phone), Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(changed.status()).as(changed.body().toString()).isEqualTo(200);
    }

    private void awaitEverywhere(String customerId) {
        long version = api.get(api.get(EU, "/ownership/" + customerId).text("ownerRegion"), "/customers/"
                + customerId).body().get("version").asLong();
        for (String region : List.of(EU, US, APAC)) {
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                Answer read = api.get(region, "/customers/" + customerId);
                return read.status() == 200 && read.body().get("version").asLong() >= version;
            });
        }
    }

    private static Set<String> found(String region, List<String> markers) {
        Path database = ThreeRegions.region(region).database().dataDir();
        Path kafka = ThreeRegions.region(region).broker().logDir();
        return Stream.concat(ByteScanner.find(database, markers).stream(),
                ByteScanner.find(kafka, markers).stream()).collect(Collectors.toSet());
    }

    private static String marker(String prefix, List<String> markers) {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        String marker = prefix + HexFormat.of().formatHex(bytes);
        markers.add(marker);
        return marker;
    }

    private static String digits(List<String> markers) {
        StringBuilder digits = new StringBuilder("9");
        for (int i = 0; i < 13; i++) {
            digits.append(RANDOM.nextInt(10));
        }
        markers.add(digits.toString());
        return digits.toString();
    }
}
