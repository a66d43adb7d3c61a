package dev.regent.infrastructure.routing;

import dev.regent.insurer.identity.ChangeCustomerContactCommand;
import dev.regent.insurer.identity.CustomerId;
import dev.regent.insurer.identity.PhoneNumber;
import dev.regent.domain.ownership.OwnershipMetadata;
import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.routing.ForwardedCommand.SerializedPart;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What another region may make this region read: only its own command types, with Regent's metadata stamped. */
class CommandWireFormatTest {

    private static final Region APAC = Region.of("apac");
    private static final String CONTACT = ChangeCustomerContactCommand.class.getName();

    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
    private final HandledCommands handled = new HandledCommands();
    private final CommandWireFormat wire = new CommandWireFormat(serializer, handled, List.of("dev.regent.insurer"));

    @Test
    void givenForgedRegentMetadata_whenReadFromAPeer_thenThePeerIsStampedAndTheForgeryDropped() {
        handled.subscribed(CONTACT);
        ForwardedCommand forged = withMetaData(Map.of(OwnershipMetadata.ACCEPTED_REGION, "mars",
                OwnershipMetadata.FORWARDED_FROM, "us", OwnershipMetadata.ORIGIN_REGION, "eu",
                OwnershipMetadata.OWNER_EPOCH, "99", OwnershipMetadata.RESYNC, "true",
                OwnershipMetadata.EXPECTED_EPOCH, "3", "traceId", "t-1"));

        CommandMessage<?> read = wire.fromPeer(forged, APAC);

        assertThat(read.getMetaData())
                .containsEntry(OwnershipMetadata.ACCEPTED_REGION, "apac")
                .containsEntry(OwnershipMetadata.FORWARDED_FROM, "apac")
                .containsEntry(OwnershipMetadata.EXPECTED_EPOCH, "3")
                .containsEntry("traceId", "t-1")
                .doesNotContainKeys(OwnershipMetadata.ORIGIN_REGION, OwnershipMetadata.OWNER_EPOCH,
                        OwnershipMetadata.RESYNC);
        assertThat(read.getPayload()).isEqualTo(command().getPayload());
    }

    @Test
    void givenACommandTypeThisRegionDoesNotHandle_thenItIsRefusedBeforeAnythingIsLoaded() {
        ForwardedCommand thread = new ForwardedCommand("id-1", "java.lang.Thread",
                new SerializedPart("java.lang.Thread", null, "{}"), Map.of());

        assertThatThrownBy(() -> wire.fromPeer(thread, APAC)).isInstanceOf(RefusedCommandException.class)
                .hasMessageContaining("Unknown command type 'java.lang.Thread'");
    }

    @Test
    void givenAKnownCommandNameWithAPayloadOfAnotherType_thenItIsRefused() {
        handled.subscribed(CONTACT);
        ForwardedCommand smuggled = new ForwardedCommand("id-1", CONTACT,
                new SerializedPart("java.lang.Thread", null, "{}"), Map.of());

        assertThatThrownBy(() -> wire.fromPeer(smuggled, APAC)).isInstanceOf(RefusedCommandException.class)
                .hasMessageContaining("must be of that type");
    }

    @Test
    void givenAnUnreadablePayload_thenItIsRefusedNotAFault() {
        handled.subscribed(CONTACT);
        ForwardedCommand garbage = new ForwardedCommand("id-1", CONTACT, new SerializedPart(CONTACT, null, "{]"),
                Map.of());

        assertThatThrownBy(() -> wire.fromPeer(garbage, APAC)).isInstanceOf(RefusedCommandException.class);
    }

    @Test
    void givenAnAnswerOfATypeNoCommandReturns_thenItIsNotRead() {
        ForwardedCommand.Result answer = new ForwardedCommand.Result(new SerializedPart("java.net.URL", null,
                "\"http://example.com\""));

        assertThatThrownBy(() -> wire.resultFromWire(answer)).isInstanceOf(RefusedCommandException.class);
        assertThat(wire.resultFromWire(wire.resultToWire(7L))).isEqualTo(7L);
        assertThat(wire.resultFromWire(wire.resultToWire(new CustomerId("c-1")))).isEqualTo(new CustomerId("c-1"));
    }

    @Test
    void givenACommandKeptBeforeMetadataTravelledAsStrings_thenItsMetadataIsStillRead() {
        handled.subscribed(CONTACT);
        ForwardedCommand current = wire.toWire(command());
        Map<String, Object> legacy = Map.of("type", "org.axonframework.messaging.MetaData",
                "data", "{\"regent-accepted-region\":\"us\"}");

        CommandMessage<?> read = wire.fromWire(new ForwardedCommand(current.identifier(), current.commandName(),
                current.payload(), legacy));

        assertThat(read.getMetaData()).containsEntry(OwnershipMetadata.ACCEPTED_REGION, "us");
    }

    private ForwardedCommand withMetaData(Map<String, Object> metaData) {
        ForwardedCommand plain = wire.toWire(command());
        Map<String, Object> all = new HashMap<>(plain.metaData());
        all.putAll(metaData);
        return new ForwardedCommand(plain.identifier(), plain.commandName(), plain.payload(), all);
    }

    private static CommandMessage<?> command() {
        return GenericCommandMessage.asCommandMessage(new ChangeCustomerContactCommand(new CustomerId("c-1"), null,
                new PhoneNumber("+33 1 00 00 00 00")));
    }
}
