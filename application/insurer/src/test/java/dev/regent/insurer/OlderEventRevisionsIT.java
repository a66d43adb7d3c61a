package dev.regent.insurer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.insurer.support.MirroredTopics;
import dev.regent.insurer.support.OlderRevisions;
import dev.regent.insurer.support.RegentClient;
import dev.regent.insurer.support.ThreeRegions;
import dev.regent.insurer.identity.ChangePreferredLanguageCommand;
import dev.regent.insurer.identity.CustomerId;
import dev.regent.insurer.identity.LanguageCode;
import dev.regent.infrastructure.ownership.AggregateCaches;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.regent.insurer.support.InsurerFixture.customer;
import static dev.regent.insurer.support.ThreeRegions.APAC;
import static dev.regent.insurer.support.ThreeRegions.EU;
import static dev.regent.insurer.support.ThreeRegions.US;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Registrations written before {@code CustomerRegisteredEvent} revision 2 (no preferred language) read as revision
 * 2, in the domicile's language, wherever they are read: the owner's store (its aggregate, audit and rebuilt read
 * model) and the mirrored topics (the other regions' read models, incrementally and rebuilt). They are read in the
 * form they are kept in: encrypted at rest, encrypted toward us, redacted toward apac.
 */
class OlderEventRevisionsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegentClient api = ThreeRegions.client();

    @Test
    void givenARegistrationStoredAsRevision1_thenTheAggregateTheAuditAndARebuildReadItInHerDomicilesLanguage()
            throws IOException {
        String id = api.post(EU, "/customers", customer("Greta Altmann", "DE")).text("customerId");
        awaitCustomer(EU, id, 1);
        storeRegistrationAsRevision1(id);

        JsonNode audit = api.get(EU, "/audit/CustomerIdentity/" + id).body();
        assertThat(audit.at("/events/0/type").asText()).isEqualTo("CustomerRegisteredEvent");
        assertThat(audit.at("/events/0/payload/preferredLanguage").asText()).isEqualTo("de");
        assertThat(audit.at("/events/0/payload/name").asText()).as("decrypted after upcasting")
                .isEqualTo("Greta Altmann");
        assertThat(audit.at("/state/preferredLanguage").asText()).isEqualTo("de");

        JsonNode rebuilt = rebuilt(EU, id);
        assertThat(rebuilt.path("preferredLanguage").asText()).isEqualTo("de");
        assertThat(rebuilt.get("name").asText()).isEqualTo("Greta Altmann");

        // The aggregate, loaded from the store again, prefers German already: asking for it changes nothing.
        ThreeRegions.region(EU).bean(AggregateCaches.class).evict(id);
        assertThat(changeLanguage(id, "de")).isEqualTo(1L);
        assertThat(changeLanguage(id, "fr")).isEqualTo(2L);
        for (String region : List.of(EU, US, APAC)) {
            assertThat(awaitCustomer(region, id, 2).path("preferredLanguage").asText()).as(region).isEqualTo("fr");
        }
    }

    @Test
    void givenRevision1RegistrationsOnTheMirroredTopics_thenEveryRegionReadsThemInTheDomicilesLanguage_asProtected() {
        String template = api.post(EU, "/customers", customer("Hanna Vorlage", "AT")).text("customerId");
        awaitCustomer(US, template, 1);
        awaitCustomer(APAC, template, 1);
        String us = "older-" + UUID.randomUUID();
        String apac = "older-" + UUID.randomUUID();

        MirroredTopics.write(US, List.of(OlderRevisions.mirroredRegistrationAsRevision1(
                mirroredRegistration(US, template), us)));
        MirroredTopics.write(APAC, List.of(OlderRevisions.mirroredRegistrationAsRevision1(
                mirroredRegistration(APAC, template), apac)));

        JsonNode inUs = awaitCustomer(US, us, 1);
        assertThat(inUs.path("preferredLanguage").asText()).isEqualTo("de");
        assertThat(inUs.get("name").asText()).as("eu's ciphertext, passed through byte for byte")
                .startsWith("enc:v1:").isEqualTo(api.get(US, "/customers/" + template).text("name"));
        JsonNode inApac = awaitCustomer(APAC, apac, 1);
        assertThat(inApac.path("preferredLanguage").asText()).isEqualTo("de");
        assertThat(inApac.get("name").asText()).isEqualTo("[REDACTED]");
        assertThat(api.get(US, "/dead-letters?view=customers").body().findValuesAsText("aggregateId"))
                .doesNotContain(us);

        assertThat(rebuilt(US, us)).isEqualTo(inUs);
    }

    /** Rewrites the customer's first event in eu's store as the code before revision 2 wrote it. */
    private static void storeRegistrationAsRevision1(String customerId) throws IOException {
        Map<String, Object> stored = ThreeRegions.database(EU).queryForMap("select payload, payload_revision "
                + "from domain_event_entry where aggregate_identifier = ? and sequence_number = 0", customerId);
        assertThat(stored.get("payload_revision")).isEqualTo("2");
        byte[] payload = (byte[]) stored.get("payload");
        assertThat(JSON.readTree(payload).get("name").asText()).as("encrypted at rest").startsWith("enc:v1:");
        assertThat(ThreeRegions.database(EU).update("update domain_event_entry set payload = ?, "
                        + "payload_revision = '1' where aggregate_identifier = ? and sequence_number = 0",
                OlderRevisions.registeredAsRevision1(payload), customerId)).isEqualTo(1);
    }

    private static ConsumerRecord<String, byte[]> mirroredRegistration(String region, String customerId) {
        return OlderRevisions.registration(
                MirroredTopics.recordsKeyed(region, MirroredTopics.topic(EU, region), customerId));
    }

    private static Long changeLanguage(String customerId, String language) {
        return ThreeRegions.region(EU).bean(CommandGateway.class).sendAndWait(
                new ChangePreferredLanguageCommand(new CustomerId(customerId), new LanguageCode(language)));
    }

    /**
     * Rebuilds the region's customers view and answers the customer's row once the replay has put it back: the
     * rebuild clears every row first, and a row it has not reached yet answers 503.
     */
    private JsonNode rebuilt(String region, String customerId) {
        assertThat(api.post(region, "/projections/customers/rebuild", Map.of("reason", "revision 1 read again"))
                .status()).isEqualTo(202);
        return awaitCustomer(region, customerId, 1);
    }

    private JsonNode awaitCustomer(String region, String customerId, long version) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            RegentClient.Answer read = api.get(region, "/customers/" + customerId);
            return read.status() == 200 && read.body().get("version").asLong() == version;
        });
        return api.get(region, "/customers/" + customerId).body();
    }
}
