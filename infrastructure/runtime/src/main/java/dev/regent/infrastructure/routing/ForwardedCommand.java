package dev.regent.infrastructure.routing;

import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;

import java.util.Map;

/**
 * The wire form of a command forwarded to its owner: the Axon-serialized payload, metadata as plain strings (never a
 * type the sender names), the original identifier.
 */
public record ForwardedCommand(String identifier, String commandName, SerializedPart payload,
                               Map<String, Object> metaData) {

    /** One Axon-serialized object: its type name, revision and (JSON) data. */
    public record SerializedPart(String type, String revision, String data) {

        public static SerializedPart of(Object object, Serializer serializer) {
            SerializedObject<String> serialized = serializer.serialize(object, String.class);
            return new SerializedPart(serialized.getType().getName(), serialized.getType().getRevision(),
                    serialized.getData());
        }

        public <T> T read(Serializer serializer) {
            return serializer.deserialize(new SimpleSerializedObject<>(data, String.class, type, revision));
        }
    }

    /** The owner's successful answer; {@code payload} is null when the handler returned nothing. */
    public record Result(SerializedPart payload) {
    }
}
