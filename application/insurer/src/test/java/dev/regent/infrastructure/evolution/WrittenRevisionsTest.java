package dev.regent.infrastructure.evolution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.insurer.identity.CustomerId;
import dev.regent.insurer.identity.CustomerRegisteredEvent;
import dev.regent.insurer.identity.PreferredLanguageChangedEvent;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A region holding back CustomerRegisteredEvent at revision 1 while other regions still run the older code. */
class WrittenRevisionsTest {

    private static final RegionSerialization HOLDING_BACK = RegionSerialization.with(
            Map.of("regent.events.written-revisions.CustomerRegisteredEvent", "1"));
    private static final CustomerRegisteredEvent REGISTERED = new CustomerRegisteredEvent(new CustomerId("c-1"),
            "enc:v1:x", "enc:v1:y", "enc:v1:z", "FR", "it");

    @Test
    void givenRevision2HeldBack_whenARegistrationIsWritten_thenItSaysRevision1_withEveryFieldOfRevision2()
            throws IOException {
        SerializedObject<byte[]> written = HOLDING_BACK.serializer().serialize(REGISTERED, byte[].class);

        assertThat(written.getType().getRevision()).isEqualTo("1");
        assertThat(new ObjectMapper().readTree(written.getData()).get("preferredLanguage").asText()).isEqualTo("it");
    }

    @Test
    void givenARegistrationWrittenHeldBack_whenAnUpgradedRegionReadsIt_thenItIsRevision2_withTheWrittenLanguage() {
        SerializedObject<byte[]> written = HOLDING_BACK.serializer().serialize(REGISTERED, byte[].class);

        List<IntermediateEventRepresentation> read = RegionSerialization.get().upcast(
                written.getType().getName(), "1", new String(written.getData(), StandardCharsets.UTF_8));

        assertThat(read).singleElement().satisfies(event -> {
            assertThat(event.getType().getRevision()).isEqualTo("2");
            Object registered = RegionSerialization.get().serializer().deserialize(event.getData());
            assertThat(registered).isEqualTo(REGISTERED);
        });
    }

    @Test
    void givenRevision2HeldBack_whenAnEventReadBackFromTheStoreAtRevision2IsPublished_thenTheRecordSaysRevision1() {
        // An upgraded region's converter publishes what its store read, upcast to revision 2.
        KafkaMessageConverter<String, byte[]> upgraded = DefaultKafkaMessageConverter.builder()
                .serializer(RegionSerialization.get().serializer()).build();
        KafkaMessageConverter<String, byte[]> holdingBack = HOLDING_BACK.bean(WrittenRevisions.class)
                .holdingBack(upgraded);

        ProducerRecord<String, byte[]> published = holdingBack.createKafkaMessage(message(REGISTERED), "topic");
        ProducerRecord<String, byte[]> other = holdingBack.createKafkaMessage(
                message(new PreferredLanguageChangedEvent(new CustomerId("c-1"), "fr")), "topic");

        assertThat(header(upgraded.createKafkaMessage(message(REGISTERED), "topic"))).isEqualTo("2");
        assertThat(header(published)).isEqualTo("1");
        assertThat(header(other)).as("a type not held back").isEqualTo("1");
        assertThat(RegionSerialization.get().bean(WrittenRevisions.class).holdingBack(upgraded))
                .as("nothing held back: the converter itself").isSameAs(upgraded);
    }

    @Test
    void givenAHeldRevisionThatIsNotOlder_thenTheClassRevisionIsWritten() {
        RegionSerialization notOlder = RegionSerialization.with(
                Map.of("regent.events.written-revisions.customerregisteredevent", "2"));

        assertThat(notOlder.serializer().serialize(REGISTERED, byte[].class).getType().getRevision()).isEqualTo("2");
    }

    private static GenericDomainEventMessage<?> message(Object payload) {
        return new GenericDomainEventMessage<>("CustomerIdentity", "c-1", 0, payload);
    }

    private static String header(ProducerRecord<String, byte[]> record) {
        return new String(record.headers().lastHeader(WrittenRevisions.REVISION_HEADER).value(),
                StandardCharsets.UTF_8);
    }
}
