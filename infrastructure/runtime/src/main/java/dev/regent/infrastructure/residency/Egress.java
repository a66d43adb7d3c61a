package dev.regent.infrastructure.residency;

import dev.regent.domain.ownership.Region;
import dev.regent.domain.residency.Erasure;

import javax.crypto.SecretKey;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The policy applied to one record (an event on its way out, or the owner's view of what a replica should hold): each
 * personal field shared, redacted, pseudonymised, encrypted with its subject's key, or dropped. Deterministic, so the
 * owner can recompute what it sent.
 *
 * <p>Nothing personal crosses in the clear, not even what the policy shares: on the wire ({@link #forTransit}) a
 * {@code SHARE}d value is sealed under the subject's share key for that destination, which the destination is
 * granted over the peer channel and which dies with the subject's key. The logs keep events for good; erasure must
 * still reach them.
 */
public class Egress {

    private final ResidencyPolicy policy;
    private final SubjectKeys keys;
    private final FieldProtection protection;

    public Egress(ResidencyPolicy policy, SubjectKeys keys, FieldProtection protection) {
        this.policy = policy;
        this.keys = keys;
        this.protection = protection;
    }

    /**
     * @param decisions told each field and what the policy did to it
     * @return {@code record} as {@code destination} may see it (the same object when it holds no personal data)
     */
    public Object protect(Object record, Region owner, Region destination,
                          BiConsumer<PersonalDataModel.Field, EgressAction> decisions) {
        return protect(record, owner, destination, decisions, false);
    }

    /**
     * {@code record} as it travels toward {@code destination} (its Kafka topic, the mirror, the destination's
     * cluster): as {@link #protect}, except that {@code SHARE}d values are sealed under the subject's share key for
     * the destination (see {@link SubjectKeys#shareKey}), and a shared value whose subject has no key is erased.
     */
    public Object forTransit(Object record, Region owner, Region destination,
                             BiConsumer<PersonalDataModel.Field, EgressAction> decisions) {
        return protect(record, owner, destination, decisions, true);
    }

    private Object protect(Object record, Region owner, Region destination,
                           BiConsumer<PersonalDataModel.Field, EgressAction> decisions, boolean inTransit) {
        PersonalDataModel model = PersonalDataModel.of(record.getClass());
        if (!model.hasPersonalData()) {
            return record;
        }
        SubjectKey key = new SubjectKey(model.subjectOf(record));
        return model.withPersonalFields(record, (field, value) -> {
            EgressAction action = policy.actionFor(owner, destination, field.dataClass());
            decisions.accept(field, action);
            return apply(action, value, key, inTransit ? destination : null);
        });
    }

    /** @param sealedFor the destination a shared value is sealed for on the wire; null: as the destination holds it */
    private String apply(EgressAction action, String value, SubjectKey key, Region sealedFor) {
        if (value == null || value.equals(Erasure.ERASED)) {
            return value;
        }
        return switch (action) {
            case SHARE -> sealedFor == null ? value : key.get()
                    .map(subjectKey -> FieldProtection.encrypt(SubjectKeys.shareKey(subjectKey, sealedFor.name()),
                            value))
                    .orElse(Erasure.ERASED);
            case REDACT -> EgressAction.REDACTED;
            case PSEUDONYMISE -> protection.pseudonymise(value);
            case ENCRYPT -> key.get().map(subjectKey -> FieldProtection.encrypt(subjectKey, value))
                    .orElse(Erasure.ERASED);
            case DROP -> null;
        };
    }

    /** The record's subject key, read once for all its fields (and only if a field needs it). */
    private final class SubjectKey {

        private final Optional<String> subject;
        private Optional<SecretKey> key;

        SubjectKey(Optional<String> subject) {
            this.subject = subject;
        }

        Optional<SecretKey> get() {
            if (key == null) {
                key = subject.flatMap(keys::existingKeyFor);
            }
            return key;
        }
    }
}
