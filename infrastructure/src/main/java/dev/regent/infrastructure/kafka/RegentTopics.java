package dev.regent.infrastructure.kafka;

import dev.regent.domain.ownership.Region;

import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/** Topic names: {@code <prefix>.<region>.events} may be mirrored; {@code <prefix>.<region>.local} never is. */
public record RegentTopics(String prefix) {

    public RegentTopics {
        if (prefix == null || !prefix.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("Invalid topic prefix: " + prefix);
        }
    }

    /** What may leave the region: the one topic MirrorMaker 2 mirrors to the other regions. */
    public String shareable(Region region) {
        return prefix + "." + region + ".events";
    }

    /** What must stay in the region: never matched by any mirroring flow. */
    public String regionLocked(Region region) {
        return prefix + "." + region + ".local";
    }

    /** The regular expression a MirrorMaker 2 flow out of {@code source} replicates. */
    public String mirroredPattern(Region source) {
        return Pattern.quote(shareable(source));
    }

    /** The shareable topics of the other regions, as mirrored into this region's cluster. */
    public List<String> mirroredInto(Region local, Collection<Region> allRegions) {
        return allRegions.stream().filter(region -> !region.equals(local)).sorted().map(this::shareable).toList();
    }
}
