package dev.regent.domain.residency;

import java.util.Locale;

/** Classes of data a jurisdiction policy decides about. */
public enum DataClass {
    /** Identifies or reaches a person: name, e-mail, phone. */
    PERSONAL,
    /** Special-category or confidential: health, suspicion of fraud, free text about a person. */
    SENSITIVE;

    /** The name used in policy files: {@code personal}, {@code sensitive}. */
    public String policyName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
