package dev.regent.insurer.identity;

import dev.regent.domain.shared.Values;

public record PersonName(String value) {

    public static final int MAX_LENGTH = 200;

    public PersonName {
        value = Values.requireText("name", value, MAX_LENGTH);
    }

    @Override
    public String toString() {
        return value;
    }
}
