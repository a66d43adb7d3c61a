package dev.regent.application.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.regent.application.support.RegentClient;
import dev.regent.application.support.ThreeRegions;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** After a scenario: what the owners' stores and every region's read models hold, against what callers were told. */
final class Invariants {

    /** One row of the report. */
    record Report(String scenario, int accepted, int refused, long ownerEvents, long remoteApplied, int lost,
                  int duplicated, int notConverged, int undecidedClaims, int ownersPerEpochViolations,
                  double convergeSeconds, Map<String, Long> undecidedByStatus) {
    }

    private static final List<String> REGIONS = List.of("eu", "us", "apac");

    private final RegentClient api;
    private final Ledger ledger;

    Invariants(RegentClient api, Ledger ledger) {
        this.api = api;
        this.ledger = ledger;
    }

    Report check(String scenario, Duration convergeWithin) {
        settleFollowedRequests(convergeWithin);
        Instant start = Instant.now();
        Map<String, String> owners = new ConcurrentHashMap<>();
        ledger.customers.keySet().forEach(id -> owners.put(id, ownerOf(id)));
        ledger.policies.keySet().forEach(id -> owners.put(id, ownerOf(id)));
        int notConverged = awaitConverged(owners, convergeWithin);
        double convergeSeconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;

        int lost = 0;
        int duplicated = 0;
        for (String customer : ledger.customers.keySet()) {
            List<String> trail = emailsAtOwner(customer, owners.get(customer));
            if (trail.isEmpty()) {
                lost++;
                continue;
            }
            for (String email : ledger.appliedEmails.getOrDefault(customer, List.of())) {
                long times = trail.stream().filter(email::equals).count();
                lost += times == 0 ? 1 : 0;
                duplicated += times > 1 ? 1 : 0;
            }
        }
        for (Map.Entry<String, String> policy : owners.entrySet()) {
            if (ledger.policies.containsKey(policy.getKey()) && eventsAt(policy.getValue(), policy.getKey()) == 0) {
                lost++;
            }
        }
        long ownerEvents = owners.entrySet().stream().mapToLong(owned -> eventsAt(owned.getValue(), owned.getKey()))
                .sum();
        long remoteApplied = owners.entrySet().stream().mapToLong(owned -> REGIONS.stream()
                .filter(region -> !region.equals(owned.getValue()))
                .mapToLong(region -> versionIn(region, owned.getKey())).sum()).sum();
        Map<String, Long> undecided = undecidedClaims(convergeWithin);
        return new Report(scenario, ledger.accepted.get(), ledger.refused.get(), ownerEvents, remoteApplied, lost,
                duplicated, notConverged, (int) undecided.values().stream().mapToLong(Long::longValue).sum(),
                ownersPerEpochViolations(owners.keySet()), convergeSeconds, undecided);
    }

    /** A 202 becomes an accepted change (APPLIED) or a refusal (REJECTED); one never settled counts as lost. */
    private void settleFollowedRequests(Duration within) {
        Instant deadline = Instant.now().plus(within);
        for (Ledger.Followed request : ledger.followed) {
            String status = "PENDING";
            while (Instant.now().isBefore(deadline)) {
                status = api.get(request.region(), "/requests/" + request.requestId()).text("status");
                if (status.equals("APPLIED") || status.equals("REJECTED")) {
                    break;
                }
                sleep(200);
            }
            if (status.equals("APPLIED")) {
                ledger.applied(request.customerId(), request.email());
            } else if (status.equals("REJECTED")) {
                ledger.refused.incrementAndGet();
                ledger.accepted.decrementAndGet();
            } else {
                ledger.applied(request.customerId(), request.email()); // checked at the owner: lost if absent
            }
        }
    }

    private int awaitConverged(Map<String, String> owners, Duration within) {
        Instant deadline = Instant.now().plus(within);
        List<String> pending = new ArrayList<>(owners.keySet());
        while (!pending.isEmpty() && Instant.now().isBefore(deadline)) {
            pending.removeIf(id -> REGIONS.stream().allMatch(region ->
                    versionIn(region, id) == eventsAt(owners.get(id), id)));
            if (!pending.isEmpty()) {
                sleep(500);
            }
        }
        return pending.size();
    }

    /** Claims not decided in time, counted by the status they wait in. */
    private Map<String, Long> undecidedClaims(Duration within) {
        Instant deadline = Instant.now().plus(within);
        List<String> pending = new ArrayList<>(ledger.claims.keySet());
        while (!pending.isEmpty() && Instant.now().isBefore(deadline)) {
            pending.removeIf(id -> List.of("APPROVED", "REJECTED", "COMPENSATION_FAILED").contains(claimStatus(id)));
            if (!pending.isEmpty()) {
                sleep(500);
            }
        }
        Map<String, Long> byStatus = new java.util.TreeMap<>();
        pending.forEach(id -> byStatus.merge(String.valueOf(claimStatus(id)), 1L, Long::sum));
        return byStatus;
    }

    private String claimStatus(String claimId) {
        return api.get(ledger.claims.get(claimId), "/claims/" + claimId).text("status");
    }

    /** Aggregates for which two regions appended under the same epoch, across all three stores. */
    private static int ownersPerEpochViolations(Collection<String> aggregates) {
        Map<String, java.util.Set<String>> originsByEpoch = new ConcurrentHashMap<>();
        for (String region : REGIONS) {
            ThreeRegions.database(region).query("""
                    select aggregate_identifier,
                           convert_from(meta_data, 'UTF8')::jsonb ->> 'regent-owner-epoch' as epoch,
                           convert_from(meta_data, 'UTF8')::jsonb ->> 'regent-origin-region' as origin
                      from domain_event_entry where aggregate_identifier = any(?::varchar[])
                    """, rs -> {
                originsByEpoch.computeIfAbsent(rs.getString(1) + "@" + rs.getString(2),
                        key -> ConcurrentHashMap.newKeySet()).add(rs.getString(3));
            }, (Object) aggregates.toArray(String[]::new));
        }
        return (int) originsByEpoch.values().stream().filter(origins -> origins.size() > 1).count();
    }

    /** Asked of every region in turn: one cut off until just now may not know the aggregate yet. */
    private String ownerOf(String aggregateId) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            for (String region : REGIONS) {
                String owner = api.get(region, "/ownership/" + aggregateId).text("ownerRegion");
                if (owner != null) {
                    return owner;
                }
            }
            sleep(500);
        }
        throw new IllegalStateException("No region knows who owns " + aggregateId);
    }

    private List<String> emailsAtOwner(String customerId, String owner) {
        JsonNode events = api.get(owner, "/audit/CustomerIdentity/" + customerId).body().path("events");
        List<String> emails = new ArrayList<>();
        events.forEach(event -> {
            if (event.path("payload").hasNonNull("email")) {
                emails.add(event.path("payload").path("email").asText());
            }
        });
        return emails;
    }

    private static long eventsAt(String region, String aggregateId) {
        Long count = ThreeRegions.database(region).queryForObject(
                "select count(*) from domain_event_entry where aggregate_identifier = ?", Long.class, aggregateId);
        return count == null ? 0 : count;
    }

    private static long versionIn(String region, String aggregateId) {
        Long version = ThreeRegions.database(region).queryForObject("select coalesce(max(last_sequence) + 1, 0) "
                + "from regent_view where aggregate_id = ?", Long.class, aggregateId);
        return version == null ? 0 : version;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
