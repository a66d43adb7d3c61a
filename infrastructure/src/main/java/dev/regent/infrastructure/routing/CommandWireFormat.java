package dev.regent.infrastructure.routing;

import dev.regent.infrastructure.routing.ForwardedCommand.SerializedPart;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;

/** Converts commands and their results to and from the wire, with Axon's message serializer. */
public class CommandWireFormat {

    private final Serializer serializer;

    public CommandWireFormat(Serializer serializer) {
        this.serializer = serializer;
    }

    public ForwardedCommand toWire(CommandMessage<?> command) {
        return new ForwardedCommand(command.getIdentifier(), command.getCommandName(),
                serialize(command.getPayload()), serialize(command.getMetaData()));
    }

    public CommandMessage<?> fromWire(ForwardedCommand wire) {
        Object payload = deserialize(wire.payload());
        MetaData metaData = deserialize(wire.metaData());
        return new GenericCommandMessage<>(new GenericMessage<>(wire.identifier(), payload, metaData),
                wire.commandName());
    }

    public ForwardedCommand.Result resultToWire(Object result) {
        return new ForwardedCommand.Result(result == null ? null : serialize(result));
    }

    public Object resultFromWire(ForwardedCommand.Result wire) {
        return wire.payload() == null ? null : deserialize(wire.payload());
    }

    private SerializedPart serialize(Object object) {
        return SerializedPart.of(object, serializer);
    }

    private <T> T deserialize(SerializedPart part) {
        return part.read(serializer);
    }
}
