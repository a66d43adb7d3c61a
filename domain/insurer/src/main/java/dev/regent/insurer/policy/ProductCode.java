package dev.regent.insurer.policy;

import dev.regent.domain.shared.Values;

/** The insurance product sold, e.g. {@code HOME-CONTENTS}. */
public record ProductCode(String value) {

    public static final int MAX_LENGTH = 100;

    public ProductCode {
        value = Values.requireText("product", value, MAX_LENGTH);
    }

    @Override
    public String toString() {
        return value;
    }
}
