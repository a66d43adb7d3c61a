package dev.regent.insurer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.regent.insurer.support.PeerCaller;
import dev.regent.insurer.support.RegentClient;
import dev.regent.insurer.support.RegentClient.Answer;
import dev.regent.insurer.support.ThreeRegions;
import dev.regent.insurer.identity.ChangeConsentCommand;
import dev.regent.insurer.identity.ConsentPurpose;
import dev.regent.insurer.identity.CustomerId;
import dev.regent.domain.ownership.OwnershipMetadata;
import dev.regent.infrastructure.routing.CommandWireFormat;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.regent.insurer.ThreeRegionsEndToEndIT.eventsIn;
import static dev.regent.insurer.support.InsurerFixture.customer;
import static dev.regent.insurer.support.ThreeRegions.APAC;
import static dev.regent.insurer.support.ThreeRegions.EU;
import static dev.regent.insurer.support.ThreeRegions.US;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each failover policy while the owner region's service is down, and after it is back: what the caller is told,
 * what is kept where, and what the owner's event store holds in the end (every accepted command once, in order).
 */
class OwnerOutageFailoverIT {

    private final RegentClient api = ThreeRegions.client();

    @Test
    void reject_failsFastNamingTheOwnerAndThePolicy_andNothingIsKept() {
        ThreeRegions.region(EU).stopService();
        try {
            Answer refused = api.post(US, "/customers", customer("Refused Registration", "FR"));

            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.text("ownerRegion")).isEqualTo(EU);
            assertThat(refused.text("failoverPolicy")).isEqualTo("REJECT");
            assertThat(refused.text("detail")).contains("Owner region eu did not answer RegisterCustomerCommand");
            assertThat(keptIn(US, "RegisterCustomerCommand")).isZero();
        } finally {
            ThreeRegions.region(EU).startService();
        }
    }

    @Test
    void queue_keepsCommandsThroughARestartOfTheReceivingRegion_andTheOwnerAppliesEachOnceInOrder() {
        String id = euCustomerKnownIn(US);
        List<String> requests = new ArrayList<>();
        ThreeRegions.region(EU).stopService();
        try {
            requests.add(queued(api.put(US, "/customers/" + id + "/consents/claims-processing",
                    Map.of("granted", false))));
            requests.add(queued(api.put(US, "/customers/" + id + "/consents/claims-processing",
                    Map.of("granted", true))));
            requests.add(queued(api.post(US, "/customers/" + id + "/suspension", Map.of("reason", "fraud signal"))));
            assertThat(api.get(US, "/requests/" + requests.get(0)).text("status")).isEqualTo("QUEUED");
            assertThat(api.metrics(US)).containsPattern("regent_failover_waiting\\{.*policy=\"QUEUE\".*} 3.0");

            ThreeRegions.region(US).stopService();
            ThreeRegions.region(US).startService();

            assertThat(api.get(US, "/requests/" + requests.get(2)).text("status")).isEqualTo("QUEUED");
            assertThat(eventsIn(EU, id)).isEqualTo(1);
        } finally {
            ThreeRegions.region(EU).startService();
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String request : requests) {
                assertThat(api.get(US, "/requests/" + request).text("status")).as(request).isEqualTo("APPLIED");
            }
        });
        assertThat(eventTypesIn(EU, id)).containsExactly("CustomerRegisteredEvent", "ConsentWithdrawnEvent",
                "ConsentGrantedEvent", "CustomerSuspendedEvent");
        for (String request : requests) {
            assertThat(eventsCausedBy(EU, request)).as("events at the owner for " + request).isEqualTo(1);
        }
        assertThat(keptIn(US, "%")).as("nothing left waiting").isZero();
    }

    @Test
    void aCommandDeliveredTwiceIsAnsweredFromTheRecord_andAppliedOnce() {
        String id = api.post(EU, "/customers", customer("Delivered Twice", "FR")).text("customerId");
        CommandWireFormat wire = ThreeRegions.region(US).bean(CommandWireFormat.class);
        var command = GenericCommandMessage.asCommandMessage(
                new ChangeConsentCommand(new CustomerId(id), ConsentPurpose.CLAIMS_PROCESSING, false));
        PeerCaller us = PeerCaller.as(US);

        PeerCaller.Answer first = us.post(EU, "/internal/commands", wire.toWire(command));
        PeerCaller.Answer again = us.post(EU, "/internal/commands", wire.toWire(command));

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(eventsIn(EU, id)).isEqualTo(2);
    }

    @Test
    void capture_twoRegionsCaptureConflictingChanges_theOwnerAcceptsOne_andRejectsTheOtherWithItsReason() {
        String id = euCustomerKnownIn(US);
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get(APAC, "/customers/" + id).status() == 200);
        String viaApac;
        String viaUs;
        ThreeRegions.region(EU).stopService();
        try {
            viaApac = captured(api.put(APAC, "/customers/" + id + "/contact", Map.of("phone", "+33 6 01 01 01 01")));
            viaUs = captured(api.put(US, "/customers/" + id + "/contact", Map.of("phone", "+33 6 02 02 02 02")));

            JsonNode seenInApac = api.get(APAC, "/customers/" + id).body();
            assertThat(seenInApac.get("version").asLong()).as("the owner's version, not the capture").isEqualTo(1);
            assertThat(seenInApac.at("/provisional/0/requestId").asText()).isEqualTo(viaApac);
            assertThat(seenInApac.at("/provisional/0/command").asText()).isEqualTo("ChangeCustomerContactCommand");
            assertThat(api.get(US, "/customers/" + id).body().at("/provisional/0/requestId").asText())
                    .isEqualTo(viaUs);
        } finally {
            ThreeRegions.region(EU).startService();
        }

        await().atMost(Duration.ofSeconds(30)).until(() ->
                !"CAPTURED".equals(api.get(APAC, "/requests/" + viaApac).text("status"))
                        && !"CAPTURED".equals(api.get(US, "/requests/" + viaUs).text("status")));
        List<Answer> outcomes = List.of(api.get(APAC, "/requests/" + viaApac), api.get(US, "/requests/" + viaUs));
        assertThat(outcomes).extracting(outcome -> outcome.text("status"))
                .containsExactlyInAnyOrder("APPLIED", "REJECTED");
        Answer rejected = outcomes.stream().filter(outcome -> outcome.text("status").equals("REJECTED")).findFirst()
                .orElseThrow();
        assertThat(rejected.text("reason")).contains("superseded");
        assertThat(rejected.body().at("/problem/status").asInt()).isEqualTo(409);
        assertThat(eventTypesIn(EU, id)).containsExactly("CustomerRegisteredEvent", "CustomerContactChangedEvent");
        assertThat(api.get(APAC, "/customers/" + id).body().get("provisional")).isEmpty();
        assertThat(api.get(US, "/customers/" + id).body().get("provisional")).isEmpty();
    }

    private String euCustomerKnownIn(String region) {
        String id = api.post(EU, "/customers", customer("Chloé Durand", "FR")).text("customerId");
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get(region, "/customers/" + id).status() == 200);
        return id;
    }

    private static String queued(Answer answer) {
        return kept(answer, "QUEUED");
    }

    private static String captured(Answer answer) {
        return kept(answer, "CAPTURED");
    }

    private static String kept(Answer answer, String status) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(202);
        assertThat(answer.text("status")).isEqualTo(status);
        assertThat(answer.text("ownerRegion")).isEqualTo(EU);
        return answer.text("requestId");
    }

    private static long keptIn(String region, String commandLike) {
        Long count = ThreeRegions.database(region).queryForObject("select count(*) from regent_deferred_command "
                + "where status = 'WAITING' and command_name like ?", Long.class, "%" + commandLike);
        return count == null ? 0 : count;
    }

    static List<String> eventTypesIn(String region, String aggregateId) {
        return ThreeRegions.database(region).queryForList("select payload_type from domain_event_entry "
                        + "where aggregate_identifier = ? order by sequence_number", String.class, aggregateId)
                .stream().map(type -> type.substring(type.lastIndexOf('.') + 1)).toList();
    }

    private static long eventsCausedBy(String region, String requestId) {
        Long count = ThreeRegions.database(region).queryForObject("select count(*) from domain_event_entry "
                + "where convert_from(meta_data, 'UTF8')::jsonb ->> 'correlationId' = ?", Long.class, requestId);
        return count == null ? 0 : count;
    }
}
