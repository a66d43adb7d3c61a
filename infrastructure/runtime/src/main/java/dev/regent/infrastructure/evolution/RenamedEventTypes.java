package dev.regent.infrastructure.evolution;

import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import java.util.Map;

/**
 * Events whose classes moved to another package (or were renamed) keep their stored type name: this reads them under
 * the new one, revision unchanged, so that every later upcaster and handler sees the current class. Declare it as an
 * {@code EventUpcaster} bean ordered first ({@code @Order(Ordered.HIGHEST_PRECEDENCE)}).
 */
public final class RenamedEventTypes extends SingleEventUpcaster {

    private final Map<String, String> newPrefixByOld;

    /** @param newPrefixByOld an old type name's prefix (a package with its dot, or a whole name) &rarr; the new one */
    public RenamedEventTypes(Map<String, String> newPrefixByOld) {
        this.newPrefixByOld = Map.copyOf(newPrefixByOld);
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return renamed(representation.getType().getName()) != null;
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        String name = renamed(representation.getType().getName());
        return renamed(representation, new SimpleSerializedType(name, representation.getType().getRevision()),
                representation.getContentType());
    }

    // Keeps the payload in the form it is stored in (not Object): the next upcaster converts from that form.
    private static <T> IntermediateEventRepresentation renamed(IntermediateEventRepresentation representation,
                                                               SimpleSerializedType type, Class<T> contentType) {
        return representation.upcastPayload(type, contentType, payload -> payload);
    }

    private String renamed(String name) {
        for (Map.Entry<String, String> rename : newPrefixByOld.entrySet()) {
            if (name.startsWith(rename.getKey())) {
                return rename.getValue() + name.substring(rename.getKey().length());
            }
        }
        return null;
    }
}
