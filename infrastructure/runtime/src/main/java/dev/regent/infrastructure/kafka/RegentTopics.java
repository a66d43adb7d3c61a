package dev.regent.infrastructure.kafka;

import dev.regent.domain.ownership.Region;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Topic names. {@code <prefix>.<source>.to.<destination>.events}: what the source region's policy lets the destination
 * see, the only topics MirrorMaker 2 mirrors (each to its destination alone). {@code <prefix>.<region>.local}: events
 * that never leave the region, matched by no mirroring flow.
 */
public record RegentTopics(String prefix) {

    public RegentTopics {
        if (prefix == null || !prefix.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("Invalid topic prefix: " + prefix);
        }
    }

    /** What {@code source} lets {@code destination} see: mirrored from source's cluster to destination's only. */
    public String toward(Region source, Region destination) {
        return prefix + "." + source + ".to." + destination + ".events";
    }

    /** What must stay in the region: never matched by any mirroring flow. */
    public String regionLocked(Region region) {
        return prefix + "." + region + ".local";
    }

    /** The regular expression the MirrorMaker 2 flow {@code source->destination} replicates. */
    public String mirroredPattern(Region source, Region destination) {
        return Pattern.quote(toward(source, destination));
    }

    /** The topics {@code local} publishes for the other regions. */
    public List<String> outbound(Region local, Collection<Region> allRegions) {
        return others(local, allRegions).stream().map(destination -> toward(local, destination)).toList();
    }

    /** The other regions' topics for {@code local}, as mirrored into its cluster. */
    public List<String> inbound(Region local, Collection<Region> allRegions) {
        return others(local, allRegions).stream().map(source -> toward(source, local)).toList();
    }

    /** Every Regent topic of {@code local}'s cluster: outbound, region-locked and inbound. */
    public List<String> all(Region local, Collection<Region> allRegions) {
        List<String> topics = new ArrayList<>(outbound(local, allRegions));
        topics.add(regionLocked(local));
        topics.addAll(inbound(local, allRegions));
        return topics;
    }

    private static List<Region> others(Region local, Collection<Region> allRegions) {
        return allRegions.stream().filter(region -> !region.equals(local)).sorted().toList();
    }
}
