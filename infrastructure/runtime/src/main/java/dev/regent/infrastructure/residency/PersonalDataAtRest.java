package dev.regent.infrastructure.residency;

import dev.regent.domain.ownership.Region;
import dev.regent.domain.residency.Erasure;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MetaData;

import javax.crypto.SecretKey;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How this region keeps an event that carries personal data outside its event store and its read models (held behind
 * a gap, parked in a dead-letter queue): never in the clear, always under a key that erasure shreds.
 * <ul>
 *   <li>an event of a subject this region owns (appended here): every personal field encrypted with the subject's key,
 *       as in the event store;</li>
 *   <li>another region's event: its shared values sealed again under the subject's share key, as they crossed the
 *       border ({@link SharedFieldsReveal#seal}); what the policy encrypted, redacted or pseudonymised stays so.</li>
 * </ul>
 * The form is recorded in the event's metadata ({@value #SEALED}), so that {@link #opened} opens exactly what
 * {@link #sealed} sealed, once. After the subject's erasure its values open as {@link Erasure#ERASED}.
 */
public class PersonalDataAtRest {

    static final String SEALED = "regent-sealed-at-rest";
    private static final String SUBJECT_KEY = "subject-key";
    private static final String SHARE_KEY = "share-key";

    private final SharedFieldsReveal reveal;
    private final SubjectKeys keys;
    private final Region localRegion;

    public PersonalDataAtRest(SharedFieldsReveal reveal, SubjectKeys keys, Region localRegion) {
        this.reveal = reveal;
        this.keys = keys;
        this.localRegion = localRegion;
    }

    /** {@code event} as it may be kept; an event without personal data as it is. */
    @SuppressWarnings("unchecked")
    public <M extends EventMessage<?>> M sealed(M event) {
        if (event.getMetaData().containsKey(SEALED)) {
            return event;
        }
        PersonalDataModel model = PersonalDataModel.of(event.getPayloadType());
        if (!model.hasPersonalData()) {
            return event;
        }
        if (appendedHere(event)) {
            Optional<String> subject = model.subjectOf(event.getPayload());
            Optional<SecretKey> key = subject.flatMap(keys::existingKeyFor);
            Object encrypted = model.withPersonalFields(event.getPayload(), (field, value) -> key
                    .map(subjectKey -> FieldProtection.encrypt(subjectKey, value))
                    .orElse(value == null ? null : Erasure.ERASED));
            return ProtectedMessages.withPayload(event, encrypted, Map.of(SEALED, SUBJECT_KEY));
        }
        // Marked without reading the payload again: one this region cannot read is kept as it crossed.
        return (M) reveal.seal(event).andMetaData(Map.of(SEALED, SHARE_KEY));
    }

    /**
     * {@code event} with its personal values open for a handler: what {@link #sealed} sealed, opened; any other event
     * as the mirrored stream would have opened it (a letter parked before events were sealed at rest, or one whose
     * revision this region could not read when it was parked).
     *
     * @throws IllegalStateException when a share key is needed and cannot be had now: the caller retries later
     */
    @SuppressWarnings("unchecked")
    public <M extends EventMessage<?>> M opened(M event) {
        Object form = event.getMetaData().get(SEALED);
        if (form == null) {
            return reveal.reveal(event, true);
        }
        MetaData withoutMark = event.getMetaData().withoutKeys(Set.of(SEALED));
        if (SHARE_KEY.equals(form)) {
            return reveal.reveal((M) event.withMetaData(withoutMark), true);
        }
        PersonalDataModel model = PersonalDataModel.of(event.getPayloadType());
        Object payload = event.getPayload();
        Optional<SecretKey> key = model.subjectOf(payload).flatMap(keys::existingKeyFor);
        return ProtectedMessages.withMetaData(event,
                model.withPersonalFields(payload, (field, value) -> FieldProtection.decrypt(key, value)), withoutMark);
    }

    /** An event of this region's own store: where no other region is named as its origin. */
    private boolean appendedHere(EventMessage<?> event) {
        return SharedFieldsReveal.originOf(event).map(localRegion::equals).orElse(true);
    }
}
