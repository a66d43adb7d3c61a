package dev.regent.insurer.faults;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** What a workload was told: each accepted command, with what makes its effect recognisable at the owner. */
final class Ledger {

    /** A change whose outcome is still to be followed (202): where to ask, and the value it carries. */
    record Followed(String region, String requestId, String customerId, String email) {
    }

    /** customerId → region that registered it. */
    final Map<String, String> customers = new ConcurrentHashMap<>();
    /** policyId → its customerId. */
    final Map<String, String> policies = new ConcurrentHashMap<>();
    /** claimId → region that filed it (its owner). */
    final Map<String, String> claims = new ConcurrentHashMap<>();
    /** customerId → emails of contact changes the caller was told were applied. */
    final Map<String, List<String>> appliedEmails = new ConcurrentHashMap<>();
    final List<Followed> followed = new CopyOnWriteArrayList<>();
    final AtomicInteger accepted = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();

    void applied(String customerId, String email) {
        appliedEmails.computeIfAbsent(customerId, id -> new CopyOnWriteArrayList<>()).add(email);
    }
}
