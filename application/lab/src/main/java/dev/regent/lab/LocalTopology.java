package dev.regent.lab;

import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.embedded.EmbeddedKafkaBroker;
import dev.regent.infrastructure.embedded.EmbeddedMirrorMaker;
import dev.regent.infrastructure.embedded.EmbeddedPostgresServer;
import dev.regent.infrastructure.kafka.OnFiniteRetention;
import dev.regent.infrastructure.kafka.RegentTopics;
import dev.regent.infrastructure.kafka.TopicProvisioner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import org.springframework.boot.logging.LoggingSystem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Starts every region on this machine: databases and brokers first, then MirrorMaker 2 between the brokers, then the
 * region services (in parallel). Each region gets a certificate from a throwaway CA for its peer listener (mutual
 * TLS between regions), and every region trusts one local token issuer ({@link LocalIdentityProvider}). Closing stops
 * everything in reverse order and, unless asked to keep it, deletes the data.
 */
public final class LocalTopology implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalTopology.class);
    private static final RegentTopics TOPICS = new RegentTopics("regent");

    /**
     * @param application    the region service's Spring Boot application class (the same in every region)
     * @param ports          HTTP port of each region's service, in region order (e.g. eu 8081, us 8082, apac 8083)
     * @param dataDir        where databases and Kafka logs live
     * @param deleteData     whether {@link #close()} deletes {@code dataDir}
     * @param extraProperties Spring properties given to every region's service
     * @param brokerProperties Kafka broker settings given to every region's cluster, over the embedded defaults
     * @param instances      service instances of each region (1 for a region not named), sharing its database and
     *                       cluster: instance {@code k} (1, 2...) of a region whose port is {@code P} listens on
     *                       {@code P + 100 * (k - 1)}, its peer listener on a free port
     */
    public record Settings(Class<?> application, Map<String, Integer> ports, Path dataDir, boolean deleteData,
                           Map<String, String> extraProperties, Map<String, String> brokerProperties,
                           Map<String, Integer> instances) {

        /** The port of instance {@code k} is the region's port plus this, times {@code k - 1}. */
        public static final int INSTANCE_PORT_STEP = 100;

        public Settings {
            instances = Map.copyOf(instances);
            instances.forEach((region, count) -> {
                if (count < 1) {
                    throw new IllegalArgumentException("Region " + region + " needs at least one instance, not "
                            + count);
                }
            });
        }

        public Settings(Class<?> application, Map<String, Integer> ports, Path dataDir, boolean deleteData,
                        Map<String, String> extraProperties, Map<String, String> brokerProperties) {
            this(application, ports, dataDir, deleteData, extraProperties, brokerProperties, Map.of());
        }

        public Settings(Class<?> application, Map<String, Integer> ports, Path dataDir, boolean deleteData,
                        Map<String, String> extraProperties) {
            this(application, ports, dataDir, deleteData, extraProperties, Map.of());
        }

        public int instancesOf(String region) {
            return instances.getOrDefault(region, 1);
        }

        int port(String region, int instance) {
            return ports.get(region) + INSTANCE_PORT_STEP * (instance - 1);
        }
    }

    private final Settings settings;
    private final Map<String, LocalRegion> regions = new LinkedHashMap<>();
    /** Each region's instances' peer ports, in instance order. */
    private final Map<String, List<Integer>> peerPorts = new LinkedHashMap<>();
    private final LocalIdentityProvider identity = LocalIdentityProvider.create();
    private LocalPki pki;
    private EmbeddedMirrorMaker mirrorMaker;
    private final List<AutoCloseable> infrastructure = new ArrayList<>();

    private final Thread shutdownHook = new Thread(this::close, "regent-local-shutdown");
    private boolean closed;

    private LocalTopology(Settings settings) {
        this.settings = settings;
    }

    public static LocalTopology start(Settings settings, Consumer<LocalRegion> onRegionReady) {
        // Several Spring Boot contexts in one JVM would each re-initialise logback (and repeat every line): the
        // topology keeps logback.xml as configured once.
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger(); // Tomcat logs through java.util.logging
            SLF4JBridgeHandler.install();
        }
        LocalTopology topology = new LocalTopology(settings);
        // One hook stops everything in order; the databases' own hooks would race the services still using them.
        Runtime.getRuntime().addShutdownHook(topology.shutdownHook);
        try {
            topology.startInfrastructure();
            topology.startServices(onRegionReady);
            return topology;
        } catch (RuntimeException e) {
            topology.close();
            throw e;
        }
    }

    private void startInfrastructure() {
        pki = LocalPki.create(settings.dataDir().resolve("pki"), "Regent local CA");
        settings.ports().keySet().forEach(name -> peerPorts.put(name, IntStream.range(0, settings.instancesOf(name))
                .mapToObj(instance -> freePort()).toList()));
        Map<String, String> bootstrapByRegion = new LinkedHashMap<>();
        Map<String, EmbeddedPostgresServer> databases = new LinkedHashMap<>();
        Map<String, EmbeddedKafkaBroker> brokers = new LinkedHashMap<>();
        for (String name : settings.ports().keySet()) {
            EmbeddedPostgresServer database = EmbeddedPostgresServer.start(name, settings.dataDir().resolve(name)
                    .resolve("postgres"), 0);
            database.stopOnJvmExit(false);
            infrastructure.add(database);
            databases.put(name, database);
            EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(name, settings.dataDir().resolve(name)
                    .resolve("kafka"), 0, settings.brokerProperties());
            infrastructure.add(broker);
            brokers.put(name, broker);
            bootstrapByRegion.put(name, broker.bootstrapServers());
        }
        // Topics exist before MirrorMaker 2 starts, so the first flows need no topic refresh.
        List<Region> all = settings.ports().keySet().stream().map(Region::of).toList();
        brokers.forEach((name, broker) -> TopicProvisioner.ensureTopics(broker.bootstrapServers(),
                TOPICS.all(Region.of(name), all), 1, (short) 1, OnFiniteRetention.FIX));
        mirrorMaker = EmbeddedMirrorMaker.start(bootstrapByRegion,
                (source, target) -> TOPICS.mirroredPattern(Region.of(source), Region.of(target)));
        for (String name : settings.ports().keySet()) {
            Map<String, String> regionProperties = serviceProperties(name, databases.get(name), brokers.get(name));
            List<LocalInstance> instances = new ArrayList<>();
            for (int number = 1; number <= settings.instancesOf(name); number++) {
                int port = settings.port(name, number);
                int peerPort = peerPorts.get(name).get(number - 1);
                Map<String, String> properties = new LinkedHashMap<>(regionProperties);
                properties.put("server.port", Integer.toString(port));
                properties.put("regent.peer.port", Integer.toString(peerPort));
                properties.put("regent.instance-name", name + "-" + number);
                properties.putAll(settings.extraProperties());
                instances.add(new LocalInstance(Region.of(name), number, port, peerPort, properties,
                        settings.application()));
            }
            regions.put(name, new LocalRegion(Region.of(name), databases.get(name), brokers.get(name), instances));
        }
    }

    /** What the region's instances share: every instance of every region as peers, one certificate, one store. */
    private Map<String, String> serviceProperties(String name, EmbeddedPostgresServer database,
                                                  EmbeddedKafkaBroker broker) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("regent.region", name);
        peerPorts.forEach((region, ports) -> properties.put("regent.regions." + region, ports.stream()
                .map(port -> "https://localhost:" + port).collect(Collectors.joining(","))));
        // One certificate naming the region, shared by its instances: peers check the region, not the instance.
        LocalPki.Issued certificate = pki.issueForRegion(name);
        properties.put("regent.peer.certificate", "file:" + certificate.certificate());
        properties.put("regent.peer.private-key", "file:" + certificate.privateKey());
        properties.put("regent.peer.trust", "file:" + pki.caCertificate());
        properties.putAll(identity.regionProperties());
        properties.put("spring.datasource.url", database.jdbcUrl());
        properties.put("spring.datasource.username", database.username());
        properties.put("spring.datasource.password", database.password());
        properties.put("axon.kafka.bootstrap-servers", broker.bootstrapServers());
        properties.putAll(RegionSecrets.loadOrCreate(settings.dataDir().resolve(name)).asProperties());
        if (settings.instancesOf(name) > 1) {
            // Each processor in as many segments as the region has instances: they share its work.
            properties.put("regent.events.segments", Integer.toString(settings.instancesOf(name)));
        }
        return properties;
    }

    private void startServices(Consumer<LocalRegion> onRegionReady) {
        List<CompletableFuture<Void>> starting = regions.values().stream()
                .map(region -> CompletableFuture.runAsync(() -> {
                    region.startService();
                    onRegionReady.accept(region);
                })).toList();
        CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).join();
    }

    public LocalRegion region(String name) {
        LocalRegion region = regions.get(name);
        if (region == null) {
            throw new IllegalArgumentException("No region " + name + " in " + regions.keySet());
        }
        return region;
    }

    public Collection<LocalRegion> regions() {
        return regions.values();
    }

    public EmbeddedMirrorMaker mirrorMaker() {
        return mirrorMaker;
    }

    /** The token issuer every region trusts. */
    public LocalIdentityProvider identity() {
        return identity;
    }

    /** The CA every region's peer certificate chains to. */
    public LocalPki pki() {
        return pki;
    }

    /** The port of a region's (first instance's) peer listener (mutual TLS, {@code /internal/**} only). */
    public int peerPort(String region) {
        return peerPorts.get(region).get(0);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops services, MirrorMaker 2, brokers and databases, in that order. Runs at JVM exit if not called before. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        log.info("Stopping regions {}", regions.keySet());
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException jvmShuttingDown) {
                // the hook is running: it will find this topology closed
            }
        }
        regions.values().forEach(region -> quietly(region::stopService, "service " + region.name()));
        if (mirrorMaker != null) {
            quietly(mirrorMaker::close, "MirrorMaker 2");
        }
        for (int i = infrastructure.size() - 1; i >= 0; i--) {
            quietly(infrastructure.get(i)::close, infrastructure.get(i).toString());
        }
        if (settings.deleteData()) {
            deleteRecursively(settings.dataDir());
        }
    }

    private static void quietly(ThrowingRunnable action, String what) {
        try {
            action.run();
        } catch (Exception e) {
            log.warn("Stopping {} failed: {}", what, e.toString());
        }
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            log.warn("Could not delete {}: {}", dir, e.toString());
        }
    }
}
