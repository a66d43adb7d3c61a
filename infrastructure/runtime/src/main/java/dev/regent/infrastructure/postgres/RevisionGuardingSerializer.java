package dev.regent.infrastructure.postgres;

import dev.regent.domain.shared.NewerEventRevisionException;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.UnknownSerializedType;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refuses to read an object serialized under a newer {@code @Revision} than its class declares here. Upcasters bring
 * older revisions up before this point; a newer one can only come from a region that was upgraded first, and reading
 * it leniently would quietly lose the fields it added. The refusal surfaces where the payload is first read, inside
 * the handler, so a read model parks the event instead of skipping it.
 */
public class RevisionGuardingSerializer extends DelegatingSerializer {

    private final RevisionResolver revisions;
    /** Type name → the revision its class declares here ("" for none, or a type this region does not know). */
    private final Map<String, String> knownRevisions = new ConcurrentHashMap<>();

    public RevisionGuardingSerializer(Serializer delegate, RevisionResolver revisions) {
        super(delegate);
        this.revisions = revisions;
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serialized) {
        refuseNewerRevision(serialized.getType());
        return delegate.deserialize(serialized);
    }

    private void refuseNewerRevision(SerializedType type) {
        if (type.getRevision() == null) {
            return;
        }
        // Read for every event a processor handles: the class lookup and its annotation are remembered per type.
        String knownRevision = knownRevisions.computeIfAbsent(type.getName(), name -> {
            Class<?> known = delegate.classForType(type);
            String revision = known == UnknownSerializedType.class ? null : revisions.revisionOf(known);
            return revision == null ? "" : revision;
        });
        if (!knownRevision.isEmpty() && isNewer(type.getRevision(), knownRevision)) {
            throw new NewerEventRevisionException(simpleName(type.getName()), type.getRevision(), knownRevision);
        }
    }

    private static String simpleName(String typeName) {
        return typeName.substring(typeName.lastIndexOf('.') + 1);
    }

    /** Numeric revisions are compared as numbers; anything else is the upcasters' business. */
    static boolean isNewer(String revision, String knownRevision) {
        if (knownRevision == null) {
            return false;
        }
        try {
            return Long.parseLong(revision) > Long.parseLong(knownRevision);
        } catch (NumberFormatException e) {
            return false;
        }
    }

}
