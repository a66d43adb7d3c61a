package dev.regent.infrastructure.instances;

import dev.regent.domain.ownership.Region;

import java.security.SecureRandom;
import java.util.HexFormat;

/** One running instance of a region's service, e.g. {@code eu-3f9a61c2}: new at every start, never reused. */
public record InstanceId(String value) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public InstanceId {
        if (value == null || !value.matches("[a-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("An instance id is 1-64 lower-case letters, digits or dashes");
        }
    }

    public static InstanceId random(Region region) {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return new InstanceId(region.name().toLowerCase() + "-" + HexFormat.of().formatHex(bytes));
    }

    @Override
    public String toString() {
        return value;
    }
}
