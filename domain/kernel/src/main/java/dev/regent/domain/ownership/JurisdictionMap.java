package dev.regent.domain.ownership;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Maps a jurisdiction (an ISO country code such as {@code FR}) to the region that is home for it. Used by
 * {@link OwnershipRule.Home}. A jurisdiction belongs to at most one region.
 */
public final class JurisdictionMap {

    private final Map<String, Region> regionByJurisdiction;

    private JurisdictionMap(Map<String, Region> regionByJurisdiction) {
        this.regionByJurisdiction = Collections.unmodifiableMap(regionByJurisdiction);
    }

    /**
     * @param jurisdictionsByRegion e.g. {@code eu -> [FR, DE, ...], us -> [US]}
     * @throws IllegalArgumentException when a jurisdiction is given to two regions
     */
    public static JurisdictionMap of(Map<Region, ? extends Collection<String>> jurisdictionsByRegion) {
        Map<String, Region> byJurisdiction = new LinkedHashMap<>();
        jurisdictionsByRegion.forEach((region, jurisdictions) -> jurisdictions.forEach(jurisdiction -> {
            String key = normalise(jurisdiction);
            Region previous = byJurisdiction.putIfAbsent(key, region);
            if (previous != null && !previous.equals(region)) {
                throw new IllegalArgumentException("Jurisdiction " + key + " is mapped to two regions: "
                        + previous + " and " + region);
            }
        }));
        return new JurisdictionMap(byJurisdiction);
    }

    /**
     * @param attribute the attribute being mapped, named in the error when the jurisdiction is unknown
     * @throws UnknownJurisdictionException when no region is home for {@code jurisdiction}
     */
    public Region regionFor(String attribute, String jurisdiction) {
        Region region = jurisdiction == null ? null : regionByJurisdiction.get(normalise(jurisdiction));
        if (region == null) {
            throw new UnknownJurisdictionException(attribute, jurisdiction);
        }
        return region;
    }

    public Set<Region> regions() {
        return Set.copyOf(regionByJurisdiction.values());
    }

    public Set<String> jurisdictions() {
        return new TreeSet<>(regionByJurisdiction.keySet());
    }

    private static String normalise(String jurisdiction) {
        return jurisdiction.trim().toUpperCase(Locale.ROOT);
    }
}
