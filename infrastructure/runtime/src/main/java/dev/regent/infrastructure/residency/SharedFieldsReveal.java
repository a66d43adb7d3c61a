package dev.regent.infrastructure.residency;

import dev.regent.domain.ownership.OwnershipMetadata;
import dev.regent.domain.ownership.Region;
import dev.regent.domain.residency.Erasure;
import org.axonframework.eventhandling.EventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.SecretKey;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Opens, for this region, the values another region shared with it: they arrive sealed under the subject's share key
 * for this region ({@link Egress#forTransit}), which the owner grants on first use ({@link GrantedKeys}). Values the
 * policy encrypted, redacted or pseudonymised stay as they came. An event that erases a subject shreds its grant.
 */
public class SharedFieldsReveal {

    private static final Logger log = LoggerFactory.getLogger(SharedFieldsReveal.class);
    private static final String SHARED = "=" + EgressAction.SHARE.name();

    private final GrantedKeys grants;

    public SharedFieldsReveal(GrantedKeys grants) {
        this.grants = grants;
    }

    /**
     * @param askOwner whether a key this region does not hold may be asked for (false: refuse instead)
     * @throws IllegalStateException when a key is needed and cannot be had now: the caller retries later
     */
    public <M extends EventMessage<?>> M reveal(M event, boolean askOwner) {
        PersonalDataModel model = PersonalDataModel.of(event.getPayloadType());
        Set<String> shared = model.hasPersonalData() ? sharedFields(event) : Set.of();
        if (shared.isEmpty() && !model.erasesSubject()) {
            return event; // decided from the metadata alone: the payload is not read here
        }
        Optional<Region> owner = originOf(event);
        Optional<String> subject = owner.flatMap(region -> subjectOf(model, event));
        if (subject.isEmpty()) {
            return event;
        }
        if (model.erasesSubject()) {
            grants.shred(owner.get(), subject.get());
        }
        if (shared.isEmpty() || !anySealed(model, event, shared)) {
            return event;
        }
        Optional<SecretKey> key = askOwner ? grants.keyFor(owner.get(), subject.get())
                : grants.held(owner.get(), subject.get()).orElseThrow(() -> new IllegalStateException(
                "This region holds no key for subject " + subject.get() + " from " + owner.get()));
        Object revealed = model.withPersonalFields(event.getPayload(), (field, value) ->
                shared.contains(field.name()) ? open(key, value, event) : value);
        return ProtectedMessages.withPayload(event, revealed, Map.of());
    }

    /**
     * The inverse of {@link #reveal}: {@code event} (as a handler here saw it) with its shared values sealed again under
     * the subject's share key, as they crossed the border — the form in which this region keeps an event outside its
     * read models (held behind a gap, parked), so that the owner's erasure, which shreds the grant, reaches it. A value
     * whose grant is already shredded is kept as {@link Erasure#ERASED}. Reopened by {@code reveal(sealed, true)},
     * which opens each shared value exactly once.
     *
     * @throws IllegalStateException when a key is needed, this region never held it and its owner cannot answer now
     */
    public <M extends EventMessage<?>> M seal(M event) {
        PersonalDataModel model = PersonalDataModel.of(event.getPayloadType());
        Set<String> shared = model.hasPersonalData() ? sharedFields(event) : Set.of();
        if (shared.isEmpty()) {
            return event;
        }
        Optional<Region> owner = originOf(event);
        Optional<String> subject = owner.flatMap(region -> subjectOf(model, event));
        if (subject.isEmpty()) {
            return event; // not readable here, so never opened: it is as it crossed
        }
        Optional<SecretKey> key = grants.keyFor(owner.get(), subject.get());
        Object sealed = model.withPersonalFields(event.getPayload(), (field, value) -> !shared.contains(field.name())
                ? value : key.map(shareKey -> FieldProtection.encrypt(shareKey, value))
                .orElse(value == null ? null : Erasure.ERASED));
        return ProtectedMessages.withPayload(event, sealed, Map.of());
    }

    /**
     * The payload's subject, or empty when the payload cannot be read here (a revision this region does not know yet):
     * the event goes on as it came, and the read model that cannot read it parks it, as it would without sealing.
     */
    private static Optional<String> subjectOf(PersonalDataModel model, EventMessage<?> event) {
        try {
            return model.subjectOf(event.getPayload());
        } catch (RuntimeException unreadable) {
            log.debug("Event {} not opened: its payload cannot be read here ({})", event.getIdentifier(),
                    unreadable.toString());
            return Optional.empty();
        }
    }

    /** Whether a shared field still holds a sealed value (an event opened before passes as it is). */
    private static boolean anySealed(PersonalDataModel model, EventMessage<?> event, Set<String> shared) {
        boolean[] sealed = {false};
        model.forEachPersonalValue(event.getPayload(), (field, value) -> sealed[0] |= shared.contains(field.name())
                && value != null && value.startsWith(FieldProtection.ENCRYPTED_PREFIX));
        return sealed[0];
    }

    private static String open(Optional<SecretKey> key, String value, EventMessage<?> event) {
        try {
            return FieldProtection.decrypt(key, value);
        } catch (IllegalStateException wrongKey) {
            log.warn("A shared value of event {} ({}) does not open with its subject's share key; kept sealed",
                    event.getIdentifier(), event.getPayloadType().getSimpleName());
            return value;
        }
    }

    static Optional<Region> originOf(EventMessage<?> event) {
        Object origin = event.getMetaData().get(OwnershipMetadata.ORIGIN_REGION);
        try {
            return origin == null ? Optional.empty() : Optional.of(Region.of(origin.toString()));
        } catch (RuntimeException notARegion) {
            return Optional.empty();
        }
    }

    /** The fields the owner's policy shared with this region, as its egress recorded them. */
    private static Set<String> sharedFields(EventMessage<?> event) {
        Object decisions = event.getMetaData().get(ResidencyEgressConverter.EGRESS_METADATA);
        if (decisions == null) {
            return Set.of();
        }
        return Arrays.stream(decisions.toString().split(",")).filter(decision -> decision.endsWith(SHARED))
                .map(decision -> decision.substring(0, decision.length() - SHARED.length()))
                .collect(Collectors.toUnmodifiableSet());
    }
}
