package dev.regent.infrastructure.embedded;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

import org.apache.kafka.connect.mirror.MirrorMaker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real MirrorMaker 2 in dedicated mode, in-process, replicating between every ordered pair of clusters.
 *
 * <p>Each flow {@code source->target} copies only the topics matching {@code topicRegex(source, target)}, with
 * {@code IdentityReplicationPolicy}: a topic keeps its name in every cluster. That policy has no cycle detection,
 * so each flow's regex must match only topics owned by its source region (e.g. {@code regent\.eu\.to\.us\.events});
 * a mirrored copy then never matches the regex of the flow that would send it back.
 *
 * <p>Target topics may be missing when MirrorMaker starts (it creates them with the source's partition count and
 * the settings the source topic sets, such as Regent's infinite retention; it never syncs them afterwards) and
 * source topics created later are picked up within {@value #REFRESH_TOPICS_SECONDS} s.
 * The source consumer starts from the earliest offset, so records produced before the first start are copied;
 * after {@link #restart()} each flow resumes from its committed position.
 *
 * <p>Expected side effects of MirrorMaker 2 itself: every cluster gets an empty {@code heartbeats} topic plus
 * prefixed copies of the others' ({@code us.heartbeats}, {@code apac.us.heartbeats}, ...), because heartbeat
 * topics are replicated whatever the topic filter and keep their prefix even under the identity policy.
 */
public final class EmbeddedMirrorMaker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMirrorMaker.class);

    static final int REFRESH_TOPICS_SECONDS = 1;
    /** A name, not a class literal: connect-mirror-client is only a runtime dependency of connect-mirror. */
    private static final String IDENTITY_REPLICATION_POLICY = "org.apache.kafka.connect.mirror.IdentityReplicationPolicy";
    /** Becomes part of config keys ({@code eu.bootstrap.servers}, {@code eu->us.topics}): no dots. */
    private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9]+([_-][A-Za-z0-9]+)*");

    private final Map<String, String> flowRegexes; // "eu->us" -> regex
    private final Map<String, String> config;

    private MirrorMaker mirrorMaker; // guarded by this

    private EmbeddedMirrorMaker(Map<String, String> bootstrapByCluster, BiFunction<String, String, String> topicRegex) {
        Objects.requireNonNull(bootstrapByCluster, "bootstrapByCluster must not be null");
        Objects.requireNonNull(topicRegex, "topicRegex must not be null");
        if (bootstrapByCluster.size() < 2) {
            throw new IllegalArgumentException("MirrorMaker needs at least two clusters, got " + bootstrapByCluster.keySet());
        }
        Map<String, String> clusters = new LinkedHashMap<>();
        bootstrapByCluster.forEach((alias, bootstrap) -> clusters.put(validAlias(alias), validBootstrap(alias, bootstrap)));
        Map<String, String> flows = new LinkedHashMap<>();
        for (String source : clusters.keySet()) {
            for (String target : clusters.keySet()) {
                if (!source.equals(target)) {
                    flows.put(source + "->" + target, validRegex(source, topicRegex.apply(source, target)));
                }
            }
        }
        this.flowRegexes = Collections.unmodifiableMap(flows);
        this.config = Collections.unmodifiableMap(mirrorMakerConfig(clusters, flows));
    }

    /**
     * Starts MirrorMaker 2 with a flow for every ordered pair of the given clusters. Returns once the flows are
     * submitted; they start copying asynchronously (a few seconds), from the earliest offset.
     *
     * @param bootstrapByCluster  cluster alias (the region: {@code eu}, {@code us}, ...) to its bootstrap servers
     * @param topicRegex         for a source and a target alias, the regex of the topics the source shares with it
     */
    public static EmbeddedMirrorMaker start(Map<String, String> bootstrapByCluster,
                                            BiFunction<String, String, String> topicRegex) {
        EmbeddedMirrorMaker mirrorMaker = new EmbeddedMirrorMaker(bootstrapByCluster, topicRegex);
        mirrorMaker.startMirrorMaker();
        return mirrorMaker;
    }

    /** Stops every flow; each flow commits its position first, so {@link #restart()} neither skips nor repeats. */
    public synchronized void stop() {
        if (mirrorMaker == null) {
            return;
        }
        long started = System.nanoTime();
        ClassLoader contextLoader = Thread.currentThread().getContextClassLoader();
        try {
            mirrorMaker.stop();
            // MirrorMaker's own JVM shutdown hook may be the one stopping it: wait for its herders either way, or
            // the brokers could be closed under them.
            mirrorMaker.awaitStop();
        } finally {
            mirrorMaker = null;
            Thread.currentThread().setContextClassLoader(contextLoader);
        }
        log.info("MirrorMaker 2 stopped in {} ms", elapsedMillis(started));
    }

    /** Starts again with the same configuration, e.g. to end a simulated network partition. */
    public synchronized void restart() {
        stop();
        startMirrorMaker();
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized boolean isRunning() {
        return mirrorMaker != null;
    }

    /** The flows as {@code source->target}, each with the regex of the topics it copies. */
    public Map<String, String> flows() {
        return flowRegexes;
    }

    /** The complete MirrorMaker 2 configuration, e.g. to log it or to run the same flows out of process. */
    public Properties configuration() {
        Properties properties = new Properties();
        properties.putAll(config);
        return properties;
    }

    /** The flows and their topic regexes on one line, for start-up banners and logs. */
    public String describe() {
        return flowRegexes.entrySet().stream()
                .map(flow -> flow.getKey() + " topics=" + flow.getValue())
                .collect(Collectors.joining(", ", "MirrorMaker 2 (in-process, identity topic names): ", ""));
    }

    @Override
    public String toString() {
        return describe();
    }

    private synchronized void startMirrorMaker() {
        if (mirrorMaker != null) {
            throw new IllegalStateException("MirrorMaker 2 is already running");
        }
        long started = System.nanoTime();
        // MirrorMaker installs its plugin class loader as the thread's context class loader and leaves it there.
        ClassLoader contextLoader = Thread.currentThread().getContextClassLoader();
        MirrorMaker candidate = null;
        try {
            candidate = new MirrorMaker(config);
            candidate.start();
        } catch (RuntimeException e) {
            if (candidate != null) {
                candidate.stop();
            }
            throw new IllegalStateException("MirrorMaker 2 failed to start: " + describe(), e);
        } finally {
            Thread.currentThread().setContextClassLoader(contextLoader);
        }
        mirrorMaker = candidate;
        // Each flow's herder joins its group and starts its connector in the background: mirroring begins
        // a few seconds later, without missing what was produced in between.
        log.info("MirrorMaker 2 started in {} ms: {}", elapsedMillis(started), describe());
    }

    private static Map<String, String> mirrorMakerConfig(Map<String, String> clusters, Map<String, String> flows) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("clusters", String.join(",", clusters.keySet()));
        // Load connectors and converters through ServiceLoader instead of scanning the class path (5-10 s).
        c.put("plugin.discovery", "service_load");
        c.put("replication.policy.class", IDENTITY_REPLICATION_POLICY);

        // One broker per cluster: every topic MirrorMaker creates must have replication factor 1.
        c.put("replication.factor", "1");
        c.put("offset-syncs.topic.replication.factor", "1");
        c.put("checkpoints.topic.replication.factor", "1");
        c.put("heartbeats.topic.replication.factor", "1");
        c.put("offset.storage.replication.factor", "1");
        c.put("config.storage.replication.factor", "1");
        c.put("status.storage.replication.factor", "1");
        // Fewer partitions for the Connect workers' internal topics: faster start, fewer files per cluster.
        c.put("offset.storage.partitions", "1");
        c.put("status.storage.partitions", "1");

        // Offset syncs stay on (cheap) so that checkpoints can be enabled later; MirrorMaker creates their topic
        // in the source cluster with its admin client, which works with auto.create.topics.enable=false.
        c.put("offset-syncs.topic.location", "source");
        c.put("refresh.topics.interval.seconds", String.valueOf(REFRESH_TOPICS_SECONDS));
        // A task only stops after its current poll: 100 ms instead of 1 s per flow on stop() and reconfiguration.
        c.put("consumer.poll.timeout.ms", "100");
        c.put("emit.heartbeats.enabled", "false");
        // Checkpoints stay "enabled" because MirrorMaker 2 rejects (and logs an ERROR per flow) a checkpoint
        // connector with them disabled; with group refresh off it knows no groups and emits nothing.
        c.put("sync.group.offsets.enabled", "false");
        c.put("refresh.groups.enabled", "false");
        c.put("sync.topic.acls.enabled", "false"); // the embedded brokers have no authorizer
        // A target topic MirrorMaker creates takes the source's own settings (Regent's: keep every record), whatever
        // this is. The periodic sync would also reset each setting the source leaves at its broker's default to the
        // target broker's default: a source topic with finite retention would make the mirrored copy drop events.
        c.put("sync.topic.configs.enabled", "false");

        for (Map.Entry<String, String> cluster : clusters.entrySet()) {
            String prefix = cluster.getKey() + ".";
            c.put(prefix + "bootstrap.servers", cluster.getValue());
            // Worker settings are taken from the target cluster's prefix, not from the top level.
            c.put(prefix + "plugin.discovery", "service_load");
            // Source side: never miss a record produced before the flow started.
            c.put(prefix + "consumer.auto.offset.reset", "earliest");
            // Idle long polls end within 100 ms (replication consumer, and without prefix the workers' readers of
            // their internal topics): closing a consumer waits for its pending fetch, which made stop() take ~1 s
            // per flow. Latency does not depend on it: a fetch returns as soon as a record arrives.
            c.put(prefix + "consumer.fetch.max.wait.ms", "100");
            c.put(prefix + "fetch.max.wait.ms", "100");
            // Target side: send each mirrored record at once.
            c.put(prefix + "producer.linger.ms", "0");
            // Commit flow positions every second, so a crash repeats at most ~1 s of records.
            c.put(prefix + "offset.flush.interval.ms", "1000");
            // A flow whose worker vanished is reassigned at once instead of after 5 minutes.
            c.put(prefix + "scheduled.rebalance.max.delay.ms", "0");
        }
        flows.forEach((flow, regex) -> {
            c.put(flow + ".enabled", "true");
            c.put(flow + ".topics", regex);
        });
        return c;
    }

    private static String validAlias(String alias) {
        if (alias == null || !ALIAS.matcher(alias).matches()) {
            throw new IllegalArgumentException("cluster alias must match " + ALIAS + " (it prefixes MirrorMaker config keys): '" + alias + "'");
        }
        return alias;
    }

    private static String validBootstrap(String alias, String bootstrap) {
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new IllegalArgumentException("bootstrap servers of cluster '" + alias + "' must not be blank");
        }
        return bootstrap;
    }

    private static String validRegex(String source, String regex) {
        if (regex == null || regex.isBlank()) {
            throw new IllegalArgumentException("topic regex of a flow out of '" + source + "' must not be blank");
        }
        if (regex.contains(",")) {
            // MirrorMaker splits its "topics" setting at commas.
            throw new IllegalArgumentException("shareable topic regex of cluster '" + source + "' must not contain ',': " + regex);
        }
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("shareable topic regex of cluster '" + source + "' is invalid: " + regex, e);
        }
        return regex;
    }

    private static long elapsedMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
