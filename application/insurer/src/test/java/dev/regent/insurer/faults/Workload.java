package dev.regent.insurer.faults;

import dev.regent.insurer.support.RegentClient;
import dev.regent.insurer.support.RegentClient.Answer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.regent.insurer.support.InsurerFixture.claim;
import static dev.regent.insurer.support.InsurerFixture.customer;
import static dev.regent.insurer.support.InsurerFixture.policy;

/**
 * A mixed insurer workload sent to random regions: customers of every jurisdiction, contact changes, policies and
 * claims. Every answer goes into the {@link Ledger}; a region that does not answer is a refusal, not an error.
 */
final class Workload {

    private static final List<String> REGIONS = List.of("eu", "us", "apac");
    private static final List<String> DOMICILES = List.of("FR", "DE", "US", "SG", "JP");
    private static final AtomicInteger MARKER = new AtomicInteger();

    private final RegentClient api;
    private final Ledger ledger;

    Workload(RegentClient api, Ledger ledger) {
        this.api = api;
        this.ledger = ledger;
    }

    /** Runs until {@code until}, one operation after another on this thread. */
    void run(Instant until) {
        while (Instant.now().isBefore(until)) {
            try {
                step();
            } catch (RuntimeException unanswered) {
                ledger.refused.incrementAndGet();
                pause(); // a client whose region does not answer tries again a little later, not in a tight loop
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void step() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String via = REGIONS.get(random.nextInt(REGIONS.size()));
        List<String> customers = new ArrayList<>(ledger.customers.keySet());
        int operation = customers.size() < 5 ? 0 : random.nextInt(10);
        if (operation < 3) {
            Answer created = api.post(via, "/customers", customer("Fault Customer",
                    DOMICILES.get(random.nextInt(DOMICILES.size()))));
            record(created, 201, () -> ledger.customers.put(created.text("customerId"), via));
        } else if (operation < 8) {
            String id = customers.get(random.nextInt(customers.size()));
            String email = "w" + MARKER.incrementAndGet() + "@faults.example";
            Answer changed = api.put(via, "/customers/" + id + "/contact", Map.of("email", email));
            if (changed.status() == 202) {
                ledger.accepted.incrementAndGet();
                ledger.followed.add(new Ledger.Followed(via, changed.text("requestId"), id, email));
            } else {
                record(changed, 200, () -> ledger.applied(id, email));
            }
        } else if (operation < 9) {
            String id = customers.get(random.nextInt(customers.size()));
            Answer issued = api.post(via, "/policies", policy(id, 10_000));
            record(issued, 201, () -> ledger.policies.put(issued.text("policyId"), id));
        } else {
            List<String> policies = new ArrayList<>(ledger.policies.keySet());
            if (policies.isEmpty()) {
                return;
            }
            String policyId = policies.get(random.nextInt(policies.size()));
            Answer filed = api.post(via, "/claims", claim(policyId, ledger.policies.get(policyId), 500));
            record(filed, 202, () -> ledger.claims.put(filed.text("claimId"), via));
        }
    }

    private void record(Answer answer, int acceptedStatus, Runnable onAccepted) {
        if (answer.status() == acceptedStatus) {
            ledger.accepted.incrementAndGet();
            onAccepted.run();
        } else {
            ledger.refused.incrementAndGet();
        }
    }
}
