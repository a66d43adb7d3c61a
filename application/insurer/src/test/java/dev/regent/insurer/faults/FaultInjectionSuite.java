package dev.regent.insurer.faults;

import dev.regent.insurer.support.RegentClient;
import dev.regent.insurer.support.ThreeRegions;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static dev.regent.insurer.support.ThreeRegions.APAC;
import static dev.regent.insurer.support.ThreeRegions.EU;
import static dev.regent.insurer.support.ThreeRegions.US;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives a mixed workload against the three regions while a fault is injected and then healed, one scenario after
 * another, and checks after each what callers were told against what the owners' stores and every read model hold.
 * Prints one row per scenario; fails if anything accepted was lost or applied twice, if two regions appended to one
 * aggregate under one epoch, or if a replica has not converged with its owner once the fault is healed. Bounded:
 * {@code faults.seconds} of load per scenario (30), then up to {@code faults.converge-seconds} (120) to converge;
 * {@code faults.scenarios=1,3} runs some of them (numbered from 0, in the order below; {@code 3,3,3} runs one thrice).
 */
class FaultInjectionSuite {

    private static final int SECONDS = Integer.getInteger("faults.seconds", 30);
    private static final int CLIENTS = Integer.getInteger("faults.clients", 4);
    private static final Duration CONVERGE_WITHIN = Duration.ofSeconds(Integer.getInteger("faults.converge-seconds",
            120));

    private final RegentClient api = ThreeRegions.client();
    private final List<Row> reports = new ArrayList<>();

    /** A scenario's invariants, and what the projections did with what they were delivered meanwhile. */
    private record Row(Invariants.Report invariants, DeliveryCounters.Delta delivery) {
    }

    @Test
    void nothingAcceptedIsLost_whateverFails() {
        List<Fault> faults = List.of(
                new Fault("none (baseline)", () -> { }, () -> { }),
                new Fault("eu service killed, restarted", () -> ThreeRegions.region(EU).stopService(),
                        () -> ThreeRegions.region(EU).startService()),
                new Fault("us Kafka broker stopped, restarted", () -> ThreeRegions.region(US).broker().stop(),
                        () -> ThreeRegions.region(US).broker().restart()),
                new Fault("MirrorMaker 2 stopped (partition), restarted",
                        () -> ThreeRegions.topology().mirrorMaker().stop(),
                        () -> ThreeRegions.topology().mirrorMaker().restart()),
                slowPostgres(),
                new Fault("eu service killed and MirrorMaker 2 stopped together", () -> {
                    ThreeRegions.region(EU).stopService();
                    ThreeRegions.topology().mirrorMaker().stop();
                }, () -> {
                    ThreeRegions.topology().mirrorMaker().restart();
                    ThreeRegions.region(EU).startService();
                }),
                DeliveryFaults.duplicatedAndReordered(),
                DeliveryFaults.poisonOnMirroredTopic(),
                everythingRestarted(),
                BadRelease.contained(api, CONVERGE_WITHIN));
        String only = System.getProperty("faults.scenarios", "");
        // In the order given; a number given twice runs twice (e.g. 3,3,3 to catch a rare failure).
        List<Integer> chosen = only.isBlank() ? IntStream.range(0, faults.size()).boxed().toList()
                : Stream.of(only.split(",")).map(String::trim).map(Integer::valueOf).toList();
        chosen.forEach(n -> reports.add(run(faults.get(n))));
        print();
        assertThat(reports).extracting(Row::invariants).allSatisfy(report -> {
            assertThat(report.lost()).as(report.scenario() + ": lost").isZero();
            assertThat(report.duplicated()).as(report.scenario() + ": applied twice").isZero();
            assertThat(report.ownersPerEpochViolations()).as(report.scenario() + ": owners per epoch").isZero();
            // Healed means converged: every replica caught up with its owner, without a manual reconciliation.
            assertThat(report.notConverged()).as(report.scenario() + ": replicas not converged within "
                    + CONVERGE_WITHIN.toSeconds() + " s of healing").isZero();
        });
        // The delivery faults must have been felt, or their rows prove nothing.
        reports.stream().filter(row -> row.invariants().scenario().startsWith("poison")).forEach(row ->
                assertThat(row.delivery().parkedByReason()).as("parked by reason").containsKeys("unknown-type",
                        "unreadable-payload", "newer-revision", "waiting-behind"));
        reports.stream().filter(row -> row.invariants().scenario().contains("three times")).forEach(row ->
                assertThat(row.delivery().duplicates()).as("duplicates skipped").isPositive());
    }

    private Row run(Fault fault) {
        DeliveryCounters before = DeliveryCounters.read(api);
        Ledger ledger = new Ledger();
        Workload workload = new Workload(api, ledger);
        Instant end = Instant.now().plusSeconds(SECONDS);
        List<CompletableFuture<Void>> clients = IntStream.range(0, CLIENTS)
                .mapToObj(n -> CompletableFuture.runAsync(() -> workload.run(end))).toList();
        sleep(SECONDS * 1000L / 3);
        fault.inject().run();
        try {
            sleep(SECONDS * 1000L / 3);
        } finally {
            fault.heal().run();
        }
        clients.forEach(CompletableFuture::join);
        Invariants.Report invariants = new Invariants(api, ledger).check(fault.name(), CONVERGE_WITHIN);
        System.out.println("Ingress twins after '" + fault.name() + "' (records of two topics with one timestamp, "
                + "partition and offset): " + Divergence.twins());
        return new Row(invariants, DeliveryCounters.read(api).since(before));
    }

    /** Every service, broker and MirrorMaker 2 stopped; then everything started again. */
    private static Fault everythingRestarted() {
        List<String> regions = List.of(EU, US, APAC);
        return new Fault("everything stopped, then restarted", () -> {
            ThreeRegions.topology().mirrorMaker().stop();
            regions.forEach(region -> ThreeRegions.region(region).stopService());
            regions.forEach(region -> ThreeRegions.region(region).broker().stop());
        }, () -> {
            regions.forEach(region -> ThreeRegions.region(region).broker().restart());
            ThreeRegions.topology().mirrorMaker().restart();
            regions.forEach(region -> ThreeRegions.region(region).startService());
        });
    }

    /** The owner's PostgreSQL holds its ownership table locked: appends and ownership checks wait. */
    private static Fault slowPostgres() {
        List<Connection> held = new ArrayList<>();
        return new Fault("slow PostgreSQL in eu (ownership table locked)", () -> {
            try {
                Connection connection = ThreeRegions.region(EU).database().dataSource().getConnection();
                connection.setAutoCommit(false);
                try (Statement lock = connection.createStatement()) {
                    lock.execute("lock table regent_ownership in exclusive mode");
                }
                held.add(connection);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }, () -> held.forEach(connection -> {
            try (connection) {
                connection.rollback();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }));
    }

    private void print() {
        StringBuilder table = new StringBuilder(String.format("%n=== Regent fault injection (%d s of load per "
                + "scenario, %d clients) ===%n", SECONDS, CLIENTS));
        table.append(String.format("%-56s %8s %8s %8s %9s %5s %6s %8s %9s %8s %7s %6s %6s %9s%n", "scenario",
                "accepted", "refused", "owner ev", "remote ev", "lost", "twice", "diverged", "undecided", "2 owners",
                "dup", "held", "parked", "converge"));
        reports.forEach(row -> {
            Invariants.Report r = row.invariants();
            DeliveryCounters.Delta d = row.delivery();
            table.append(String.format("%-56s %8d %8d %8d %9d %5d %6d %8d %9d %8d %7d %6d %6d %8.1fs %s %s%n",
                    r.scenario(), r.accepted(), r.refused(), r.ownerEvents(), r.remoteApplied(), r.lost(),
                    r.duplicated(), r.notConverged(), r.undecidedClaims(), r.ownersPerEpochViolations(),
                    d.duplicates(), d.held(), d.parked(), r.convergeSeconds(),
                    d.parkedByReason().isEmpty() ? "" : "parked: " + d.parkedByReason(),
                    r.undecidedByStatus().isEmpty() ? "" : "undecided: " + r.undecidedByStatus()));
        });
        System.out.println(table);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
