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
        PersonalDataModel model = PersonalDataModel.of(record.getClass());
        if (!model.hasPersonalData()) {
            return record;
        }
        Optional<String> subject = model.subjectOf(record);
        return model.withPersonalFields(record, (field, value) -> {
            EgressAction action = policy.actionFor(owner, destination, field.dataClass());
            decisions.accept(field, action);
            return apply(action, value, subject);
        });
    }

    private String apply(EgressAction action, String value, Optional<String> subject) {
        if (value == null || value.equals(Erasure.ERASED)) {
            return value;
        }
        return switch (action) {
            case SHARE -> value;
            case REDACT -> EgressAction.REDACTED;
            case PSEUDONYMISE -> protection.pseudonymise(value);
            case ENCRYPT -> {
                Optional<SecretKey> key = subject.flatMap(keys::existingKeyFor);
                yield key.map(subjectKey -> FieldProtection.encrypt(subjectKey, value)).orElse(Erasure.ERASED);
            }
            case DROP -> null;
        };
    }
}
