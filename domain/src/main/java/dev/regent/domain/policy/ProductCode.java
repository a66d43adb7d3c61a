package dev.regent.domain.policy;

import dev.regent.domain.shared.Values;

/** The insurance product sold, e.g. {@code HOME-CONTENTS}. */
public record ProductCode(String value) {

    public ProductCode {
        value = Values.requireText("product", value, 100);
    }

    @Override
    public String toString() {
        return value;
    }
}
