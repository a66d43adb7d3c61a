package dev.regent.infrastructure.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.domain.ownership.OwnershipMetadata;
import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.routing.ForwardedCommand.SerializedPart;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.Serializer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Converts commands and their results to and from the wire, with Axon's message serializer. Only the payload is
 * typed, and only as a command this region handles; metadata travels as plain strings, and what Regent stamps
 * (origin, accepted region, forwarding peer) is stamped by the receiver, never taken from the wire.
 */
public class CommandWireFormat {

    /** Metadata a sender may never set: the receiver stamps them (or the event store does). */
    private static final Set<String> STAMPED = Set.of(OwnershipMetadata.ORIGIN_REGION, OwnershipMetadata.OWNER_EPOCH,
            OwnershipMetadata.ACCEPTED_REGION, OwnershipMetadata.FORWARDED_FROM, OwnershipMetadata.RESYNC,
            OwnershipMetadata.IMPORTED_FROM, OwnershipMetadata.IMPORTED_AT_EPOCH);
    private static final Set<String> JDK_RESULT_TYPES = Set.of(String.class.getName(), Long.class.getName(),
            Integer.class.getName(), Boolean.class.getName());
    private static final ObjectMapper PLAIN_JSON = new ObjectMapper();

    private final Serializer serializer;
    private final HandledCommands handled;
    private final List<String> resultPackages;

    /**
     * @param resultPackages where the types of command results live (the aggregate packages): an owner's answer of
     *                       another type is not read
     */
    public CommandWireFormat(Serializer serializer, HandledCommands handled, List<String> resultPackages) {
        this.serializer = serializer;
        this.handled = handled;
        this.resultPackages = resultPackages.stream().map(name -> name.endsWith(".") ? name : name + ".").toList();
    }

    public ForwardedCommand toWire(CommandMessage<?> command) {
        Map<String, Object> metaData = new HashMap<>();
        command.getMetaData().forEach((key, value) -> metaData.put(key, value == null ? null : value.toString()));
        return new ForwardedCommand(command.getIdentifier(), command.getCommandName(),
                SerializedPart.of(command.getPayload(), serializer), metaData);
    }

    /**
     * A command another region sent: read only if this region handles its type, with Regent's metadata stamped from
     * the authenticated {@code peer} (the region that forwarded it is the region that accepted it).
     *
     * @throws RefusedCommandException when it is not a command this region would read
     */
    public CommandMessage<?> fromPeer(ForwardedCommand wire, Region peer) {
        Map<String, Object> metaData = plain(wire.metaData());
        metaData.keySet().removeAll(STAMPED);
        metaData.put(OwnershipMetadata.FORWARDED_FROM, peer.name());
        metaData.put(OwnershipMetadata.ACCEPTED_REGION, peer.name());
        return read(wire, metaData);
    }

    /** A command this region wrote itself (kept by a failover policy): metadata as it was. */
    public CommandMessage<?> fromWire(ForwardedCommand wire) {
        return read(wire, plain(wire.metaData()));
    }

    private CommandMessage<?> read(ForwardedCommand wire, Map<String, Object> metaData) {
        if (wire.identifier() == null || wire.identifier().isBlank() || wire.payload() == null) {
            throw new RefusedCommandException("A forwarded command needs an identifier and a payload");
        }
        if (!handled.handles(wire.commandName())) {
            throw new RefusedCommandException("Unknown command type '" + wire.commandName()
                    + "': this region handles no such command");
        }
        if (!wire.commandName().equals(wire.payload().type())) {
            throw new RefusedCommandException("The payload of a " + wire.commandName() + " must be of that type");
        }
        Object payload;
        try {
            payload = wire.payload().read(serializer);
        } catch (SerializationException e) {
            throw new RefusedCommandException("Unreadable " + simpleName(wire.commandName()) + " payload");
        }
        return new GenericCommandMessage<>(new GenericMessage<>(wire.identifier(), payload, MetaData.from(metaData)),
                wire.commandName());
    }

    public ForwardedCommand.Result resultToWire(Object result) {
        return new ForwardedCommand.Result(result == null ? null : SerializedPart.of(result, serializer));
    }

    /** @throws RefusedCommandException when the answer names a type a command of this system cannot return */
    public Object resultFromWire(ForwardedCommand.Result wire) {
        if (wire.payload() == null) {
            return null;
        }
        String type = wire.payload().type();
        if (!JDK_RESULT_TYPES.contains(type) && resultPackages.stream().noneMatch(type::startsWith)) {
            throw new RefusedCommandException("An owner's answer of type '" + type + "' is not read");
        }
        return wire.payload().read(serializer);
    }

    /**
     * Metadata as plain values. Commands kept by a failover policy before metadata travelled as plain strings hold
     * it as an Axon-serialized {@code MetaData} object: read that form too, so that they are still delivered.
     */
    private static Map<String, Object> plain(Map<String, Object> wire) {
        Map<String, Object> metaData = new HashMap<>();
        if (wire == null) {
            return metaData;
        }
        if (MetaData.class.getName().equals(wire.get("type")) && wire.get("data") instanceof String legacy) {
            try {
                return PLAIN_JSON.readValue(legacy, new TypeReference<HashMap<String, Object>>() { });
            } catch (JsonProcessingException e) {
                throw new RefusedCommandException("Unreadable metadata of a kept command");
            }
        }
        wire.forEach((key, value) -> metaData.put(key, value == null || value instanceof String ? value
                : value.toString()));
        return metaData;
    }

    private static String simpleName(String commandName) {
        return commandName.substring(commandName.lastIndexOf('.') + 1);
    }
}
