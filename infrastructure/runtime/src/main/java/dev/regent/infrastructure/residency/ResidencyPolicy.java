package dev.regent.infrastructure.residency;

import dev.regent.domain.ownership.Region;
import dev.regent.domain.residency.DataClass;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The jurisdiction policy: for data owned by one region, what each class may become on its way to another region.
 * One line per owner and destination ({@code *}: every other region), read the same by every region:
 * <pre>
 * # owner -> destination : class = ACTION, class = ACTION
 * eu -> us   : personal = ENCRYPT, sensitive = DROP
 * eu -> *    : personal = REDACT,  sensitive = DROP
 * </pre>
 * A destination's own line wins over {@code *}; a class no line mentions is {@link EgressAction#REDACT}ed: what is
 * not allowed explicitly does not cross in the clear.
 */
public final class ResidencyPolicy {

    public static final EgressAction DEFAULT_ACTION = EgressAction.REDACT;
    private static final String ANY = "*";
    private static final Pattern LINE = Pattern.compile("\\s*([^\\s:>]+?)\\s*->\\s*([^\\s:]+)\\s*:\\s*(.+)");
    private static final Pattern CLAUSE = Pattern.compile("\\s*([A-Za-z_-]+)\\s*=\\s*([A-Za-z_]+)\\s*");

    private record Route(String owner, String destination) {
    }

    private final Map<Route, Map<DataClass, EgressAction>> rules;

    private ResidencyPolicy(Map<Route, Map<DataClass, EgressAction>> rules) {
        this.rules = rules;
    }

    public EgressAction actionFor(Region owner, Region destination, DataClass dataClass) {
        if (owner.equals(destination)) {
            return EgressAction.SHARE;
        }
        for (Route route : List.of(new Route(owner.name(), destination.name()), new Route(owner.name(), ANY))) {
            EgressAction action = rules.getOrDefault(route, Map.of()).get(dataClass);
            if (action != null) {
                return action;
            }
        }
        return DEFAULT_ACTION;
    }

    /** Whether {@code owner} shares any class of data with {@code destination}: only then may it be granted keys. */
    public boolean sharesAnything(Region owner, Region destination) {
        return !owner.equals(destination) && Arrays.stream(DataClass.values())
                .anyMatch(dataClass -> actionFor(owner, destination, dataClass) == EgressAction.SHARE);
    }

    /**
     * @param source  where the lines come from, named in errors
     * @param regions the regions of this deployment: a line naming another one is an error
     * @throws IllegalArgumentException listing every faulty line with its number and what is wrong with it
     */
    public static ResidencyPolicy parse(String source, List<String> lines, Collection<Region> regions) {
        Set<String> known = regions.stream().map(Region::name).collect(Collectors.toCollection(TreeSet::new));
        Map<Route, Map<DataClass, EgressAction>> rules = new HashMap<>();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replaceFirst("#.*", "").strip();
            if (!line.isEmpty()) {
                int number = i + 1;
                parseLine(line, known, rules, problem -> errors.add("line " + number + ": " + problem));
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("Residency policy " + source + " has errors:\n  "
                    + String.join("\n  ", errors));
        }
        return new ResidencyPolicy(rules);
    }

    private static void parseLine(String line, Set<String> known, Map<Route, Map<DataClass, EgressAction>> rules,
                                  Consumer<String> error) {
        Matcher matcher = LINE.matcher(line);
        if (!matcher.matches()) {
            error.accept("'" + line + "' is not 'owner -> destination : class = ACTION, ...'");
            return;
        }
        String owner = matcher.group(1);
        String destination = matcher.group(2);
        if (!known.contains(owner)) {
            error.accept("unknown region '" + owner + "' (regions: " + String.join(", ", known) + ")");
        }
        if (!destination.equals(ANY) && !known.contains(destination)) {
            error.accept("unknown region '" + destination + "' (regions: " + String.join(", ", known) + ", or *)");
        }
        if (owner.equals(destination)) {
            error.accept("'" + owner + " -> " + destination + "': data does not leave its own region");
        }
        Map<DataClass, EgressAction> actions = rules.computeIfAbsent(new Route(owner, destination),
                route -> new EnumMap<>(DataClass.class));
        for (String clause : matcher.group(3).split(",")) {
            Matcher parts = CLAUSE.matcher(clause);
            if (!parts.matches()) {
                error.accept("'" + clause.strip() + "' is not 'class = ACTION'");
                continue;
            }
            DataClass dataClass = Arrays.stream(DataClass.values())
                    .filter(candidate -> candidate.policyName().equals(parts.group(1).toLowerCase(Locale.ROOT)))
                    .findFirst().orElse(null);
            EgressAction action = Arrays.stream(EgressAction.values())
                    .filter(candidate -> candidate.name().equalsIgnoreCase(parts.group(2)))
                    .findFirst().orElse(null);
            if (dataClass == null) {
                error.accept("unknown class '" + parts.group(1) + "' (classes: " + Arrays.stream(DataClass.values())
                        .map(DataClass::policyName).collect(Collectors.joining(", ")) + ")");
            }
            if (action == null) {
                error.accept("unknown action '" + parts.group(2) + "' (actions: " + Arrays.stream(
                        EgressAction.values()).map(Enum::name).collect(Collectors.joining(", ")) + ")");
            }
            if (dataClass != null && action != null && actions.put(dataClass, action) != null) {
                error.accept("'" + dataClass.policyName() + "' is given twice for " + owner + " -> " + destination);
            }
        }
    }
}
