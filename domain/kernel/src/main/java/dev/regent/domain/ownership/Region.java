package dev.regent.domain.ownership;

import dev.regent.domain.shared.InvalidValueException;

import java.util.regex.Pattern;

/**
 * A place where authority lives ({@code eu}, {@code us}, {@code apac}, ...): its own event store, its own Kafka cluster.
 */
public record Region(String name) implements Comparable<Region> {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    public Region {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidValueException("region",
                    "'" + name + "' is not a region name (lower-case letters, digits and '-', starting with a letter)");
        }
    }

    public static Region of(String name) {
        return new Region(name);
    }

    @Override
    public int compareTo(Region other) {
        return name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
