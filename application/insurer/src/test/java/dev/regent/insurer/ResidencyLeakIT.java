package dev.regent.insurer;

import dev.regent.insurer.support.ByteScanner;
import dev.regent.insurer.support.RegentClient;
import dev.regent.insurer.support.RegentClient.Answer;
import dev.regent.insurer.support.ThreeRegions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.regent.insurer.support.InsurerFixture.claim;
import static dev.regent.insurer.support.InsurerFixture.policy;
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
        Marked european = register(US, "FR", new ArrayList<>());
        Marked american = register(APAC, "US", new ArrayList<>());
        changeContact(EU, american, american.markers());
        Marked singaporean = register(EU, "SG", new ArrayList<>());
        List<Marked> customers = List.of(european, american, singaporean);
        List<String> markers = customers.stream().flatMap(customer -> customer.markers().stream()).toList();
        customers.forEach(customer -> awaitEverywhere(customer.id()));
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

    private Marked register(String via, String domicile, List<String> markers) {
        String tag = domicile.equals("US") ? "US" : domicile.equals("SG") ? "APAC" : "EU";
        String name = marker(tag + "NAME", markers);
        String email = marker(tag.toLowerCase() + "mail", markers) + "@example.com";
        String phone = "+" + digits(markers);
        Answer created = api.post(via, "/customers", Map.of("name", name, "email", email, "phone", phone,
                "domicile", domicile));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        String id = created.text("customerId");
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get(via, "/ownership/" + id).status() == 200);
        return new Marked(id, markers);
    }

    private void changeContact(String via, Marked customer, List<String> markers) {
        String email = marker("newmail", markers) + "@example.com";
        String phone = "+" + digits(markers);
        Answer changed = api.put(via, "/customers/" + customer.id() + "/contact",
                Map.of("email", email, "phone", phone));
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
