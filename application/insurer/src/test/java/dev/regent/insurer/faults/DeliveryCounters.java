package dev.regent.insurer.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.regent.insurer.support.RegentClient;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the projections of all three regions did with what they were delivered, read from each region's metrics and
 * dead-letter API: events skipped as duplicates, held behind a gap, and parked (by letter, with its reason).
 */
record DeliveryCounters(Map<String, Long> duplicates, Map<String, Long> held, Map<String, String> parkedReasons) {

    private static final List<String> REGIONS = List.of("eu", "us", "apac");

    static DeliveryCounters read(RegentClient api) {
        Map<String, Long> duplicates = new HashMap<>();
        Map<String, Long> held = new HashMap<>();
        Map<String, String> parked = new HashMap<>();
        for (String region : REGIONS) {
            for (String line : api.metrics(region).split("\n")) {
                if (line.startsWith("regent_projection_events_total{")) {
                    long value = (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    if (line.contains("outcome=\"duplicate\"")) {
                        duplicates.merge(region, value, Long::sum);
                    } else if (line.contains("outcome=\"held\"")) {
                        held.merge(region, value, Long::sum);
                    }
                }
            }
            for (JsonNode letter : api.get(region, "/dead-letters").body()) {
                parked.put(region + "/" + letter.get("letterId").asText(), letter.get("reason").asText());
            }
        }
        return new DeliveryCounters(duplicates, held, parked);
    }

    /** What happened between {@code before} and this reading; parked events by reason, e.g. {unknown-type=1}. */
    Delta since(DeliveryCounters before) {
        Map<String, Long> reasons = new TreeMap<>();
        parkedReasons.forEach((letter, reason) -> {
            if (!before.parkedReasons.containsKey(letter)) {
                reasons.merge(reason, 1L, Long::sum);
            }
        });
        return new Delta(increase(before.duplicates, duplicates), increase(before.held, held), reasons);
    }

    /** Counters live in a service's memory: one that was restarted counts from zero again. */
    private static long increase(Map<String, Long> before, Map<String, Long> after) {
        return REGIONS.stream().mapToLong(region -> {
            long then = before.getOrDefault(region, 0L);
            long now = after.getOrDefault(region, 0L);
            return now >= then ? now - then : now;
        }).sum();
    }

    record Delta(long duplicates, long held, Map<String, Long> parkedByReason) {

        long parked() {
            return parkedByReason.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
