package dev.regent.infrastructure.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One in-process, single-node KRaft Kafka cluster: a {@link KafkaRaftServer} acting as broker and controller,
 * listening on the loopback interface only.
 *
 * <p>Sized for the embedded default (several regions, each with its own cluster, in one JVM on a small machine):
 * replication factor 1 everywhere, few threads, small buffers, and no automatic topic creation because Regent
 * provisions its topics itself.
 *
 * <p>{@link #stop()} and {@link #restart()} keep the log directory and both ports, so a stopped region's broker
 * comes back with its data at the address every client already knows (fault injection).
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;
    private static final String BROKER_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    private final String name;
    private final Path logDir;
    private final int brokerPort;
    private final int controllerPort;
    private final KafkaConfig config;

    private KafkaRaftServer server; // guarded by this

    private EmbeddedKafkaBroker(String name, Path logDir, int brokerPort, int controllerPort,
                                Map<String, String> overrides) {
        this.name = name;
        this.logDir = logDir;
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
        Properties properties = brokerProperties();
        properties.putAll(overrides);
        this.config = new KafkaConfig(properties, false);
    }

    /** Starts a cluster on free loopback ports; {@code logDir} is created, and formatted unless it already is. */
    public static EmbeddedKafkaBroker start(String name, Path logDir) {
        return start(name, logDir, 0);
    }

    /**
     * Starts a cluster whose clients connect to {@code brokerPort} (0 = pick a free one); the controller
     * port is always picked. Reusing a {@code logDir} of an earlier run keeps its topics and records.
     */
    public static EmbeddedKafkaBroker start(String name, Path logDir, int brokerPort) {
        return start(name, logDir, brokerPort, Map.of());
    }

    /**
     * As {@link #start(String, Path, int)}, with broker settings ({@code server.properties} names) that replace
     * the embedded defaults, e.g. {@code log.retention.check.interval.ms} for a test of retention.
     */
    public static EmbeddedKafkaBroker start(String name, Path logDir, int brokerPort, Map<String, String> overrides) {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(overrides, "overrides must not be null");
        Objects.requireNonNull(logDir, "logDir must not be null");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must match " + NAME + " (it names the cluster in logs): '" + name + "'");
        }
        if (brokerPort < 0 || brokerPort > 65_535) {
            throw new IllegalArgumentException("brokerPort must be 0 (pick a free port) or 1-65535, was " + brokerPort);
        }
        int port = brokerPort == 0 ? freePort() : brokerPort;
        int controllerPort = freePort();
        while (controllerPort == port) {
            controllerPort = freePort();
        }
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(name, logDir.toAbsolutePath(), port, controllerPort,
                overrides);
        broker.startServer();
        return broker;
    }

    /** {@code host:port} for {@code bootstrap.servers}; stable across {@link #restart()}. */
    public String bootstrapServers() {
        return HOST + ":" + brokerPort;
    }

    public String name() {
        return name;
    }

    public Path logDir() {
        return logDir;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Shuts the broker down and waits for it; keeps the log directory. Does nothing if already stopped. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        long started = System.nanoTime();
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            server = null;
        }
        log.info("Kafka cluster {} at {} stopped in {} ms", name, bootstrapServers(), elapsedMillis(started));
    }

    /** Starts the broker again on the same ports and log directory, with the data it had. */
    public synchronized void restart() {
        stop();
        startServer();
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "EmbeddedKafkaBroker[" + name + " at " + bootstrapServers() + ", " + logDir + "]";
    }

    private synchronized void startServer() {
        if (server != null) {
            throw new IllegalStateException("Kafka cluster " + name + " is already running");
        }
        long started = System.nanoTime();
        formatIfNeeded();
        KafkaRaftServer candidate = null;
        try {
            candidate = new KafkaRaftServer(config, Time.SYSTEM);
            // Returns once the broker is unfenced, i.e. ready to create topics and serve clients.
            candidate.startup();
        } catch (RuntimeException e) {
            shutDownQuietly(candidate);
            throw new IllegalStateException("Kafka cluster " + name + " failed to start on " + bootstrapServers()
                    + " (controller port " + controllerPort + ", log dir " + logDir + ")", e);
        }
        server = candidate;
        log.info("Kafka cluster {} at {} started in {} ms", name, bootstrapServers(), elapsedMillis(started));
    }

    /** KRaft refuses to start on an unformatted log dir; format it once, keep it on later starts. */
    private void formatIfNeeded() {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(logDir);
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setClusterId(Uuid.randomUuid().toString())
                    .setNodeId(NODE_ID)
                    .setDirectories(List.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .run(); // metadata.version defaults to the latest production one
        } catch (Exception e) {
            throw new IllegalStateException("Could not format KRaft log dir " + logDir + " of Kafka cluster " + name, e);
        }
    }

    private Properties brokerProperties() {
        Properties p = new Properties();
        // Combined broker + controller: one node is the whole cluster and its own metadata quorum.
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", BROKER_LISTENER);
        p.put("listeners", BROKER_LISTENER + "://" + HOST + ":" + brokerPort + "," + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", BROKER_LISTENER + "://" + HOST + ":" + brokerPort);
        p.put("listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("log.dirs", logDir.toString());

        // A single replica: every replication factor and ISR minimum must be 1 or topic creation fails.
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("num.partitions", "1");

        // Regent provisions its topics; a typo must fail instead of silently creating a topic.
        p.put("auto.create.topics.enable", "false");
        // Consumers and MirrorMaker's workers join their groups at once instead of after 3 s.
        p.put("group.initial.rebalance.delay.ms", "0");

        // Several brokers share a small machine: few threads, small buffers.
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("background.threads", "2");
        p.put("num.replica.fetchers", "1");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("log.cleaner.threads", "1");
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(4 * 1024 * 1024)); // default 128 MiB of heap each
        p.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        p.put("log.index.size.max.bytes", String.valueOf(1024 * 1024)); // enough for a 64 MiB segment
        p.put("offsets.topic.segment.bytes", String.valueOf(16 * 1024 * 1024));
        p.put("transaction.state.log.segment.bytes", String.valueOf(16 * 1024 * 1024));
        return p;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on " + HOST, e);
        }
    }

    private void shutDownQuietly(KafkaRaftServer candidate) {
        if (candidate == null) {
            return;
        }
        try {
            candidate.shutdown();
            candidate.awaitShutdown();
        } catch (RuntimeException e) {
            log.warn("Kafka cluster {}: shutdown after a failed start failed too", name, e);
        }
    }

    private static long elapsedMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
