package dev.regent.infrastructure.postgres;

import dev.regent.domain.shared.NewerEventRevisionException;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.UnknownSerializedType;

/**
 * Refuses to read an object serialized under a newer {@code @Revision} than its class declares here. Upcasters bring
 * older revisions up before this point; a newer one can only come from a region that was upgraded first, and reading
 * it leniently would quietly lose the fields it added. The refusal surfaces where the payload is first read, inside
 * the handler, so a read model parks the event instead of skipping it.
 */
public class RevisionGuardingSerializer implements Serializer {

    private final Serializer delegate;
    private final RevisionResolver revisions;

    public RevisionGuardingSerializer(Serializer delegate, RevisionResolver revisions) {
        this.delegate = delegate;
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
        Class<?> known = delegate.classForType(type);
        if (known == UnknownSerializedType.class) {
            return;
        }
        String knownRevision = revisions.revisionOf(known);
        if (isNewer(type.getRevision(), knownRevision)) {
            throw new NewerEventRevisionException(known.getSimpleName(), type.getRevision(), knownRevision);
        }
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

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        return delegate.serialize(object, expectedRepresentation);
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    public Class classForType(SerializedType type) {
        return delegate.classForType(type);
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }
}
