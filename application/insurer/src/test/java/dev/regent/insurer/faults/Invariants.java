package dev.regent.insurer.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.regent.insurer.support.RegentClient;
import dev.regent.insurer.support.ThreeRegions;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
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
        List<String> aggregates = new ArrayList<>(ledger.customers.keySet());
        aggregates.addAll(ledger.policies.keySet());
        Map<String, String> owners = ownersOf(aggregates);
        List<String> behind = awaitConverged(owners, convergeWithin);
        double convergeSeconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        int notConverged = behind.size();
        if (!behind.isEmpty()) {
            behind.forEach(id -> System.out.print(Divergence.explain(id, owners.get(id))));
            System.out.print(Divergence.tokens());
        }

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
        Map<String, Long> atOwners = eventsAtOwners(owners, owners.keySet());
        for (String policy : ledger.policies.keySet()) {
            if (atOwners.getOrDefault(policy, 0L) == 0) {
                lost++;
            }
        }
        long ownerEvents = atOwners.values().stream().mapToLong(Long::longValue).sum();
        long remoteApplied = 0;
        for (String region : REGIONS) {
            Map<String, Long> versions = versionsIn(region, owners.keySet());
            remoteApplied += owners.entrySet().stream().filter(owned -> !owned.getValue().equals(region))
                    .mapToLong(owned -> versions.getOrDefault(owned.getKey(), 0L)).sum();
        }
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

    /** Every region's read model at its owner's version, polled with a few batched queries (not one per id). */
    private static List<String> awaitConverged(Map<String, String> owners, Duration within) {
        List<String> pending = new ArrayList<>(owners.keySet());
        try {
            await().atMost(within).pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        Map<String, Long> expected = eventsAtOwners(owners, pending);
                        Map<String, Map<String, Long>> held = new HashMap<>();
                        REGIONS.forEach(region -> held.put(region, versionsIn(region, pending)));
                        pending.removeIf(id -> REGIONS.stream().allMatch(region -> held.get(region)
                                .getOrDefault(id, 0L).equals(expected.getOrDefault(id, 0L))));
                        return pending.isEmpty();
                    });
        } catch (ConditionTimeoutException leftOver) {
            // what is left is the answer
        }
        return pending;
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

    /**
     * Each aggregate's owner, by the highest epoch any region's registry records (one cut off until just now may not
     * know the aggregate yet); waits up to a minute for every aggregate to be known somewhere.
     */
    private static Map<String, String> ownersOf(Collection<String> aggregates) {
        Map<String, String> owners = new HashMap<>();
        await().atMost(Duration.ofSeconds(60)).pollInSameThread().pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(500)).until(() -> {
            Map<String, Long> epochs = new HashMap<>();
            for (String region : REGIONS) {
                ThreeRegions.database(region).query("select aggregate_id, owner_region, epoch from regent_ownership "
                        + "where aggregate_id = any(?::varchar[])", rs -> {
                    if (rs.getLong(3) > epochs.getOrDefault(rs.getString(1), 0L)) {
                        epochs.put(rs.getString(1), rs.getLong(3));
                        owners.put(rs.getString(1), rs.getString(2));
                    }
                }, (Object) aggregates.toArray(String[]::new));
            }
            return owners.keySet().containsAll(aggregates);
        });
        return owners;
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

    /** How many events each aggregate has in its owner's store. */
    private static Map<String, Long> eventsAtOwners(Map<String, String> owners, Collection<String> aggregates) {
        Map<String, Long> counts = new HashMap<>();
        for (String region : REGIONS) {
            String[] owned = aggregates.stream().filter(id -> region.equals(owners.get(id))).toArray(String[]::new);
            ThreeRegions.database(region).query("select aggregate_identifier, count(*) from domain_event_entry "
                    + "where aggregate_identifier = any(?::varchar[]) group by aggregate_identifier",
                    rs -> { counts.put(rs.getString(1), rs.getLong(2)); }, (Object) owned);
        }
        return counts;
    }

    /** Each aggregate's version in {@code region}'s read models (absent: 0). */
    private static Map<String, Long> versionsIn(String region, Collection<String> aggregates) {
        Map<String, Long> versions = new HashMap<>();
        ThreeRegions.database(region).query("select aggregate_id, max(last_sequence) + 1 from regent_view "
                + "where aggregate_id = any(?::varchar[]) group by aggregate_id",
                rs -> { versions.put(rs.getString(1), rs.getLong(2)); }, (Object) aggregates.toArray(String[]::new));
        return versions;
    }
}
