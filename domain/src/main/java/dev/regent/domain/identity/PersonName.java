package dev.regent.domain.identity;

import dev.regent.domain.shared.Values;

public record PersonName(String value) {

    public PersonName {
        value = Values.requireText("name", value, 200);
    }

    @Override
    public String toString() {
        return value;
    }
}
