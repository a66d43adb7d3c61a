package dev.regent.insurer.identity;

import dev.regent.domain.shared.InvalidValueException;

import java.util.Arrays;
import java.util.Locale;

/** What a customer consents to. Processing claims is granted at registration and can be withdrawn. */
public enum ConsentPurpose {
    CLAIMS_PROCESSING;

    /** {@code claims-processing} in URLs. */
    public String slug() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static ConsentPurpose fromSlug(String slug) {
        return Arrays.stream(values()).filter(purpose -> purpose.slug().equals(slug)).findFirst()
                .orElseThrow(() -> new InvalidValueException("purpose", "'" + slug + "' is not a consent purpose "
                        + Arrays.stream(values()).map(ConsentPurpose::slug).toList()));
    }
}
