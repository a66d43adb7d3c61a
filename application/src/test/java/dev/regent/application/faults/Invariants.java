package dev.regent.application.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.regent.application.support.RegentClient;
import dev.regent.application.support.ThreeRegions;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

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
        Map<Ledger.Followed, String> settled = new ConcurrentHashMap<>();
        awaitEach(ledger.followed, request -> {
            String status = api.get(request.region(), "/requests/" + request.requestId()).text("status");
            if (status.equals("APPLIED") || status.equals("REJECTED")) {
                settled.put(request, status);
                return true;
            }
            return false;
        }, within);
        for (Ledger.Followed request : ledger.followed) {
            if ("REJECTED".equals(settled.get(request))) {
                ledger.refused.incrementAndGet();
                ledger.accepted.decrementAndGet();
            } else {
                ledger.applied(request.customerId(), request.email()); // checked at the owner: lost if absent
            }
        }
    }

    private int awaitConverged(Map<String, String> owners, Duration within) {
        return awaitEach(owners.keySet(), id -> REGIONS.stream().allMatch(region ->
                versionIn(region, id) == eventsAt(owners.get(id), id)), within).size();
    }

    /** Claims not decided in time, counted by the status they wait in. */
    private Map<String, Long> undecidedClaims(Duration within) {
        List<String> pending = awaitEach(ledger.claims.keySet(), id ->
                List.of("APPROVED", "REJECTED", "COMPENSATION_FAILED").contains(claimStatus(id)), within);
        Map<String, Long> byStatus = new TreeMap<>();
        pending.forEach(id -> byStatus.merge(String.valueOf(claimStatus(id)), 1L, Long::sum));
        return byStatus;
    }

    /** Waits until {@code done} holds for every item, or {@code within} has passed; answers the items left. */
    private static <T> List<T> awaitEach(Collection<T> items, Predicate<T> done, Duration within) {
        List<T> pending = new ArrayList<>(items);
        try {
            await().atMost(within).pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        pending.removeIf(done);
                        return pending.isEmpty();
                    });
        } catch (ConditionTimeoutException leftOver) {
            // what is left is the answer
        }
        return pending;
    }

    private String claimStatus(String claimId) {
        return api.get(ledger.claims.get(claimId), "/claims/" + claimId).text("status");
    }

    /** Aggregates for which two regions appended under the same epoch, across all three stores. */
    private static int ownersPerEpochViolations(Collection<String> aggregates) {
        Map<String, Set<String>> originsByEpoch = new ConcurrentHashMap<>();
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
        AtomicReference<String> owner = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).pollInSameThread().pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(500)).until(() -> {
            REGIONS.stream().map(region -> api.get(region, "/ownership/" + aggregateId).text("ownerRegion"))
                    .filter(Objects::nonNull).findFirst().ifPresent(owner::set);
            return owner.get() != null;
        });
        return owner.get();
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
}
