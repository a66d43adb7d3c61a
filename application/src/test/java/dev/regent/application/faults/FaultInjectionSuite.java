package dev.regent.application.faults;

import dev.regent.application.support.RegentClient;
import dev.regent.application.support.ThreeRegions;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static dev.regent.application.support.ThreeRegions.EU;
import static dev.regent.application.support.ThreeRegions.US;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives a mixed workload against the three regions while a fault is injected and then healed, one scenario after
 * another, and checks after each what callers were told against what the owners' stores and every read model hold.
 * Prints one row per scenario; fails if anything accepted was lost or applied twice, or if two regions appended to one
 * aggregate under one epoch. Bounded: {@code faults.seconds} of load per scenario (30), then up to 2 min to converge;
 * {@code faults.scenarios=1,3} runs some of them (numbered from 0, in the order below).
 */
class FaultInjectionSuite {

    private static final int SECONDS = Integer.getInteger("faults.seconds", 30);
    private static final int CLIENTS = Integer.getInteger("faults.clients", 4);

    /** A fault: injected a third into the load, healed at two thirds. */
    private record Fault(String name, Runnable inject, Runnable heal) {
    }

    private final RegentClient api = ThreeRegions.client();
    private final List<Invariants.Report> reports = new ArrayList<>();

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
                }));
        String only = System.getProperty("faults.scenarios", "");
        for (int n = 0; n < faults.size(); n++) {
            if (only.isBlank() || List.of(only.split(",")).contains(String.valueOf(n))) {
                reports.add(run(faults.get(n)));
            }
        }
        print();
        assertThat(reports).allSatisfy(report -> {
            assertThat(report.lost()).as(report.scenario() + ": lost").isZero();
            assertThat(report.duplicated()).as(report.scenario() + ": applied twice").isZero();
            assertThat(report.ownersPerEpochViolations()).as(report.scenario() + ": owners per epoch").isZero();
        });
    }

    private Invariants.Report run(Fault fault) {
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
        return new Invariants(api, ledger).check(fault.name(), Duration.ofMinutes(2));
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
        table.append(String.format("%-52s %8s %8s %8s %9s %5s %6s %8s %9s %8s %9s%n", "scenario", "accepted",
                "refused", "owner ev", "remote ev", "lost", "twice", "diverged", "undecided", "2 owners",
                "converge"));
        reports.forEach(r -> table.append(String.format("%-52s %8d %8d %8d %9d %5d %6d %8d %9d %8d %8.1fs %s%n",
                r.scenario(), r.accepted(), r.refused(), r.ownerEvents(), r.remoteApplied(), r.lost(), r.duplicated(),
                r.notConverged(), r.undecidedClaims(), r.ownersPerEpochViolations(), r.convergeSeconds(),
                r.undecidedByStatus().isEmpty() ? "" : "undecided: " + r.undecidedByStatus())));
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
