package dev.regent.infrastructure.routing;

/** The wire form of a command forwarded to its owner: Axon-serialized payload and metadata, original identifier. */
public record ForwardedCommand(String identifier, String commandName, SerializedPart payload, SerializedPart metaData) {

    /** One Axon-serialized object: its type name, revision and (JSON) data. */
    public record SerializedPart(String type, String revision, String data) {
    }

    /** The owner's successful answer; {@code payload} is null when the handler returned nothing. */
    public record Result(SerializedPart payload) {
    }
}
