package dev.regent.insurer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.regent.insurer.support.MirroredTopics;
import dev.regent.insurer.support.RegentClient;
import dev.regent.insurer.support.ThreeRegions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.regent.insurer.support.InsurerFixture.customer;
import static dev.regent.insurer.support.MirroredTopics.craft;
import static dev.regent.insurer.support.ThreeRegions.EU;
import static dev.regent.insurer.support.ThreeRegions.US;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Poison on a mirrored topic — an event type us does not know, a payload it cannot read, a revision newer than its
 * code — is parked with its reason, the aggregate's later events wait behind it, and every other aggregate goes on.
 */
class PoisonEventsIT {

    private static final String TYPE = "axon-message-type";
    private static final String REVISION = "axon-message-revision";
    private static final String REGISTERED = "dev.regent.insurer.identity.CustomerRegisteredEvent";

    private final RegentClient api = ThreeRegions.client();

    @Test
    void poisonIsParkedWithItsReasonAndTheRestGoesOn() {
        String template = api.post(EU, "/customers", customer("Modèle Dupont", "FR")).text("customerId");
        String stuck = api.post(EU, "/customers", customer("Bloqué Durand", "FR")).text("customerId");
        assertThat(api.put(EU, "/customers/" + template + "/contact", Map.of("email", "new@example.fr")).status())
                .isEqualTo(200);
        awaitVersion(template, 2);
        awaitVersion(stuck, 1);
        List<ConsumerRecord<String, byte[]>> templates =
                MirroredTopics.recordsKeyed(US, MirroredTopics.topic(EU, US), template);
        ConsumerRecord<String, byte[]> registered = ofType(templates, REGISTERED);
        ConsumerRecord<String, byte[]> contactChanged = ofType(templates,
                "dev.regent.insurer.identity.CustomerContactChangedEvent");

        String unknownType = "poison-" + UUID.randomUUID();
        String corrupt = "poison-" + UUID.randomUUID();
        String newer = "poison-" + UUID.randomUUID();
        byte[] garbage = "{\"customerId\": ".getBytes(StandardCharsets.UTF_8);
        List<ProducerRecord<String, byte[]>> poison = new ArrayList<>(List.of(
                craft(registered, unknownType, 0, Map.of(TYPE, "dev.regent.insurer.identity.CustomerNicknameChosenEvent"),
                        registered.value()),
                craft(registered, corrupt, 0, Map.of(), garbage),
                craft(registered, newer, 0, Map.of(REVISION, "99"), registered.value()),
                craft(contactChanged, newer, 1, Map.of(), contactChanged.value()),
                craft(contactChanged, stuck, 1, Map.of(), garbage),
                craft(contactChanged, stuck, 2, Map.of(), contactChanged.value())));
        // Other tests of this JVM may have parked events in us too: count from here, and only these aggregates.
        List<String> ours = List.of(unknownType, corrupt, newer, stuck);
        long parkedBefore = parked(null).size();
        List<JsonNode> customersBefore = parked("customers");
        long customerSequencesBefore = customersBefore.stream().map(letter -> letter.get("aggregateId").asText())
                .distinct().count();
        MirroredTopics.write(US, poison);
        String after = api.post(EU, "/customers", customer("Après Martin", "FR")).text("customerId");

        awaitVersion(after, 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(parked(null))
                .filteredOn(letter -> ours.contains(letter.get("aggregateId").asText())).hasSize(poison.size()));
        Map<String, JsonNode> byAggregate = new HashMap<>();
        parked("customers").forEach(letter -> byAggregate.merge(letter.get("aggregateId").asText()
                + "#" + letter.get("sequenceNumber").asLong(), letter, (a, b) -> a));
        assertThat(reason(byAggregate.get(unknownType + "#0"))).isEqualTo("unknown-type");
        assertThat(byAggregate.get(unknownType + "#0").get("detail").asText())
                .contains("CustomerNicknameChosenEvent");
        assertThat(reason(byAggregate.get(corrupt + "#0"))).isEqualTo("unreadable-payload");
        assertThat(reason(byAggregate.get(newer + "#0"))).isEqualTo("newer-revision");
        assertThat(byAggregate.get(newer + "#0").get("detail").asText()).contains("revision 99");
        assertThat(reason(byAggregate.get(newer + "#1"))).isEqualTo("waiting-behind");
        assertThat(reason(byAggregate.get(stuck + "#1"))).isEqualTo("unreadable-payload");
        assertThat(reason(byAggregate.get(stuck + "#2"))).isEqualTo("waiting-behind");
        assertThat(version(stuck)).as("the stuck customer's row waits at its last good event").isEqualTo(1);
        assertThat(api.metrics(US))
                .contains("regent_projection_parked_total{aggregate=\"CustomerIdentity\",reason=\"unknown-type\"")
                .contains("regent_projection_parked_total{aggregate=\"CustomerIdentity\",reason=\"newer-revision\"")
                .contains("regent_projection_dead_letters{region=\"us\"} " + (parkedBefore + poison.size()) + ".0");

        // Retrying without an upgrade changes nothing: each aggregate's first event fails again and stays parked.
        JsonNode retried = api.post(US, "/dead-letters/customers/retry", Map.of()).body();
        assertThat(retried.get("aggregatesTried").asLong()).isEqualTo(customerSequencesBefore + 4);
        assertThat(retried.get("aggregatesCleared").asInt()).isZero();
        assertThat(retried.get("stillParked").asLong()).isEqualTo(customersBefore.size() + poison.size());

        String behind = byAggregate.get(stuck + "#2").get("letterId").asText();
        assertThat(api.post(US, "/dead-letters/customers/" + behind + "/skip", Map.of("reason", "test")).status())
                .as("an event waiting behind another cannot be skipped").isEqualTo(409);
        String first = byAggregate.get(stuck + "#1").get("letterId").asText();
        RegentClient.Answer skipped = api.post(US, "/dead-letters/customers/" + first + "/skip",
                Map.of("reason", "test"));
        assertThat(skipped.status()).isEqualTo(200);
        assertThat(skipped.body().get("aggregatesCleared").asInt()).isEqualTo(1);
        assertThat(version(stuck)).as("skipped past the poison, the event behind it applied").isEqualTo(3);
        assertThat(parked("customers")).noneMatch(letter -> letter.get("aggregateId").asText().equals(stuck));
        assertThat(api.post(US, "/dead-letters/customers/no-such-letter/skip", Map.of("reason", "test")).status())
                .isEqualTo(404);
        assertThat(api.post(US, "/dead-letters/no-such-view/retry", Map.of()).status()).isEqualTo(404);
    }

    private static ConsumerRecord<String, byte[]> ofType(List<ConsumerRecord<String, byte[]>> records, String type) {
        return records.stream().filter(record -> type.equals(MirroredTopics.headers(record).get(TYPE))).findFirst()
                .orElseThrow();
    }

    private List<JsonNode> parked(String view) {
        JsonNode body = api.get(US, "/dead-letters" + (view == null ? "" : "?view=" + view)).body();
        List<JsonNode> letters = new ArrayList<>();
        body.forEach(letters::add);
        return letters;
    }

    private static String reason(JsonNode letter) {
        assertThat(letter).as("parked").isNotNull();
        return letter.get("reason").asText();
    }

    private long version(String customerId) {
        RegentClient.Answer answer = api.get(US, "/customers/" + customerId);
        return answer.status() == 200 ? answer.body().get("version").asLong() : 0;
    }

    private void awaitVersion(String customerId, long version) {
        await().atMost(Duration.ofSeconds(30)).until(() -> version(customerId) >= version);
    }
}
