package dev.regent.insurer.support;

import dev.regent.insurer.InsurerApplication;
import dev.regent.lab.LocalRegion;
import dev.regent.lab.LocalTopology;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

/**
 * The three-region topology every integration test of this JVM shares: real PostgreSQL, real KRaft brokers and real
 * MirrorMaker 2, started once (about 20 s) and stopped by its shutdown hook when the JVM exits. Tests that stop a region's service start it
 * again before they finish.
 */
public final class ThreeRegions {

    public static final String EU = "eu";
    public static final String US = "us";
    public static final String APAC = "apac";

    private static LocalTopology topology;

    private ThreeRegions() {
    }

    public static synchronized LocalTopology topology() {
        if (topology == null) {
            topology = start(Map.of(), Map.of());
        }
        return topology;
    }

    public static LocalRegion region(String name) {
        return topology().region(name);
    }

    public static RegentClient client() {
        return new RegentClient(topology());
    }

    /** A client of another topology ({@link #start(Map)}). */
    public static RegentClient client(LocalTopology other) {
        return new RegentClient(other);
    }

    /** A connection to the region's own database, for assertions on what it really stores. */
    public static JdbcTemplate database(String name) {
        return new JdbcTemplate(region(name).database().dataSource());
    }

    /**
     * A topology of its own, set as the shared one is, with {@code instances} service instances of the regions it
     * names (1 of the others) and {@code overrides} over the shared one's settings: the caller closes it.
     */
    public static LocalTopology start(Map<String, Integer> instances, Map<String, String> overrides) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String name : new String[]{EU, US, APAC}) {
            ports.put(name, freePort(instances.getOrDefault(name, 1)));
        }
        Map<String, String> properties = new LinkedHashMap<>(Map.of("regent.routing.timeout", "3s",
                    "regent.routing.pending-after", "1s",
                    "regent.failover.delivery-interval", "1s",
                    "regent.sagas.claim-settlement.retry-after", "2s",
                    "regent.sagas.claim-settlement.give-up-after", "2m",
                    "regent.reconciliation.interval", "0s",
                    // Tests: every run folds every own row from the store (a handful), so drift is found at
                    // once; benchmarks keep the default window (see the benchmarks profile).
                    "regent.reconciliation.owner-content-buckets",
                    System.getProperty("it.owner-content-buckets", "256"),
                    "regent.transfer.handover-timeout", "5s",
                    "regent.reconciliation.incident-threshold", "2"));
        properties.putAll(overrides);
        try {
            return LocalTopology.start(new LocalTopology.Settings(InsurerApplication.class, ports,
                    Files.createTempDirectory("regent-it-"), true, properties,
                    // The broker's retention checker runs every half second instead of every 5 minutes, so that
                    // CompleteLogsIT can watch it run with a tiny default retention.
                    Map.of("log.retention.check.interval.ms", "500"), instances), region -> { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A free port below Linux's ephemeral range (32768+): the brokers and databases started after it bind ephemeral
     * ports, and one of them could otherwise take a port picked here before its service starts. With several
     * instances, the ports of the others ({@link LocalTopology.Settings#INSTANCE_PORT_STEP} apart) are free too.
     */
    private static int freePort(int instances) {
        int step = LocalTopology.Settings.INSTANCE_PORT_STEP;
        int start = 20_000 + ThreadLocalRandom.current().nextInt(12_000 - step * instances);
        for (int port = start; port + step * (instances - 1) < 32_768; port++) {
            int first = port;
            if (IntStream.range(0, instances).allMatch(k -> isFree(first + step * k))) {
                return first;
            }
        }
        throw new UncheckedIOException(new IOException("No free port between " + start + " and 32767"));
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
