package dev.regent.infrastructure.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three real KRaft brokers (eu, us, apac) and real MirrorMaker 2 in this JVM, as in the embedded default.
 *
 * <p>eu and apac are provisioned the way Regent does it (own topics plus pre-created mirror targets);
 * us's shareable topic is deliberately created only after MirrorMaker started, to prove that late topics and
 * missing targets are handled. The tests share the clusters and run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedMirroringIT {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMirroringIT.class);

    private static final List<String> REGIONS = List.of("eu", "us", "apac");
    private static final int PARTITIONS = 3;
    private static final Duration MIRRORED_WITHIN = Duration.ofSeconds(60);
    private static final Duration SYNC_WOULD_SHOW_WITHIN = Duration.ofSeconds(5);
    /** The settings Regent gives its topics (TopicProvisioner): no retention, no compaction. */
    private static final Map<String, String> KEEP_EVERY_RECORD = Map.of(
            "retention.ms", "-1", "retention.bytes", "-1", "cleanup.policy", "delete");

    @TempDir
    static Path tempDir;

    private static final Map<String, EmbeddedKafkaBroker> brokers = new LinkedHashMap<>();
    private static final Map<String, Admin> admins = new HashMap<>();
    private static KafkaProducer<String, String> euProducer;
    private static EmbeddedMirrorMaker mirrorMaker;
    /** What the tests produced to regent.eu.events, in send order. */
    private static final List<ProducerRecord<String, String>> producedEuEvents = new ArrayList<>();

    @BeforeAll
    static void startRegions() throws Exception {
        for (String region : REGIONS) {
            long started = System.nanoTime();
            EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(region, tempDir.resolve("kafka-" + region));
            log.info("Broker {} ready in {} ms", region, millisSince(started));
            brokers.put(region, broker);
            admins.put(region, Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers())));
        }
        createTopics("eu", events("eu"), local("eu"), events("apac"));
        createTopics("apac", events("apac"), local("apac"), events("eu"));
        createTopics("us", local("us"), events("eu"), events("apac")); // regent.us.events: see picksUpTopicsCreatedLater
        euProducer = producer("eu");

        // Produced before MirrorMaker exists: must still be mirrored (earliest offset), the local ones never.
        produce(5, "before-start");
        for (int i = 0; i < 5; i++) {
            euProducer.send(new ProducerRecord<>(local("eu"), "k" + i, "local-" + i)).get();
        }

        long started = System.nanoTime();
        mirrorMaker = EmbeddedMirrorMaker.start(bootstraps(), (region, target) -> "regent\\." + region + "\\.events");
        long returnedAfter = millisSince(started);
        awaitMirrored("us", "apac");
        log.info("MirrorMaker start() returned in {} ms; first records mirrored to us and apac {} ms after start()",
                returnedAfter, millisSince(started));
        log.info("{}", mirrorMaker.describe());
    }

    @AfterAll
    static void stopRegions() {
        if (euProducer != null) {
            euProducer.close();
        }
        if (mirrorMaker != null) {
            mirrorMaker.close();
        }
        admins.values().forEach(Admin::close);
        brokers.values().forEach(EmbeddedKafkaBroker::close);
    }

    @Test
    @Order(1)
    void mirrorsShareableRecordsInOrderWithKeysValuesAndHeaders() throws Exception {
        // Right after start: MirrorMaker is still discovering its heartbeat topics and restarting tasks for them.
        List<Long> lags = produceMeasuringLag(50, "cold");
        log.info("Mirror lag eu -> us right after start, {} records: p50 {} ms, p99 {} ms, max {} ms",
                lags.size(), percentile(lags, 50), percentile(lags, 99), lags.get(lags.size() - 1));
        awaitMirrored("us", "apac");
    }

    @Test
    @Order(2)
    void neverMirrorsLocalTopicsNorMirrorsBack() throws Exception {
        // The shareable records have arrived (awaited above), so MirrorMaker had its chance at the local topic.
        for (String region : List.of("us", "apac")) {
            assertThat(topics(region)).doesNotContain(local("eu"));
        }
        assertThat(topics("eu")).doesNotContain(local("us"), local("apac"));
        for (String region : REGIONS) {
            // MirrorMaker replicates its (empty) heartbeats topics whatever the topic filter, and prefixes them
            // even with IdentityReplicationPolicy; its internal topics (checkpoints, offset syncs) are named per
            // cluster. Every other topic must keep its name.
            assertThat(topics(region))
                    .as("no region-prefixed copies of Regent topics in %s", region)
                    .filteredOn(topic -> !topic.endsWith("heartbeats") && !topic.endsWith(".internal"))
                    .noneMatch(topic -> REGIONS.stream().anyMatch(prefix -> topic.startsWith(prefix + ".")));
        }
        // A mirrored copy is not mirrored back: each cluster holds exactly what eu produced.
        for (String region : REGIONS) {
            assertThat(recordCount(region, events("eu"))).as("records of %s in %s", events("eu"), region)
                    .isEqualTo(producedEuEvents.size());
        }
    }

    @Test
    @Order(3)
    void picksUpTopicsCreatedLaterAndCreatesMissingTargets_keepingEveryRecordLikeTheSource() throws Exception {
        long started = System.nanoTime();
        // As Regent creates its topics; the targets in eu and apac do not exist: MirrorMaker creates them.
        admins.get("us").createTopics(List.of(new NewTopic(events("us"), PARTITIONS, (short) 1).configs(KEEP_EVERY_RECORD)))
                .all().get();
        KafkaProducer<String, String> usProducer = producer("us");
        try (usProducer) {
            for (int i = 0; i < 10; i++) {
                usProducer.send(new ProducerRecord<>(events("us"), "order-" + i, "late-" + i)).get();
            }
        }
        for (String region : List.of("eu", "apac")) {
            await().atMost(MIRRORED_WITHIN).until(() -> topics(region).contains(events("us"))
                    && recordCount(region, events("us")) == 10);
            assertThat(admins.get(region).describeTopics(List.of(events("us"))).allTopicNames().get()
                    .get(events("us")).partitions()).hasSize(PARTITIONS);
            assertThat(settingsOf(region, events("us"))).as("settings of the copy in %s", region)
                    .containsAllEntriesOf(KEEP_EVERY_RECORD);
        }
        log.info("Topic created after MirrorMaker started: mirrored to eu and apac {} ms after creation", millisSince(started));
    }

    @Test
    @Order(4)
    void measuresWarmMirrorLag() throws Exception {
        List<Long> lags = produceMeasuringLag(200, "warm");
        log.info("Mirror lag eu -> us warm, {} records: p50 {} ms, p99 {} ms, max {} ms",
                lags.size(), percentile(lags, 50), percentile(lags, 99), lags.get(lags.size() - 1));
        assertThat(percentile(lags, 50)).as("p50 mirror lag in ms").isLessThan(500);
        awaitMirrored("us", "apac");
    }

    @Test
    @Order(5)
    void brokerRestartKeepsPortAndDataAndMirroringResumes() throws Exception {
        EmbeddedKafkaBroker apac = brokers.get("apac");
        String bootstrap = apac.bootstrapServers();
        int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));

        long stopping = System.nanoTime();
        apac.stop();
        log.info("Broker apac stopped in {} ms", millisSince(stopping));
        assertThat(apac.isRunning()).isFalse();
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            }
        }).as("port %d closed while stopped", port).isInstanceOf(IOException.class);

        produce(20, "while-apac-down");

        long restarting = System.nanoTime();
        apac.restart();
        log.info("Broker apac restarted in {} ms", millisSince(restarting));
        assertThat(apac.bootstrapServers()).isEqualTo(bootstrap);
        assertThat(apac.isRunning()).isTrue();
        assertThat(topics("apac")).contains(events("apac"), local("apac"), events("eu"), events("us"));

        long resuming = System.nanoTime();
        awaitMirrored("apac");
        log.info("Records produced while apac was down mirrored {} ms after its restart", millisSince(resuming));
    }

    @Test
    @Order(6)
    void mirrorMakerRestartResumesWithoutLossOrDuplicates() throws Exception {
        mirrorMaker.stop();
        assertThat(mirrorMaker.isRunning()).isFalse();
        int mirroredBefore = producedEuEvents.size();

        produce(30, "while-mirrormaker-down");
        assertThat(recordCount("us", events("eu"))).isEqualTo(mirroredBefore);

        long restarting = System.nanoTime();
        mirrorMaker.restart();
        awaitMirrored("us", "apac"); // exact per-partition sequences: no gap, no replay
        log.info("MirrorMaker restarted; backlog of 30 records mirrored {} ms after restart()", millisSince(restarting));
    }

    @Test
    @Order(7)
    void reopensTheLogDirOfAnEarlierRunOnAFixedPort() throws Exception {
        Path logDir = tempDir.resolve("kafka-reopen");
        String bootstrap;
        try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.start("reopen", logDir);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, first.bootstrapServers()));
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, first.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            bootstrap = first.bootstrapServers();
            admin.createTopics(List.of(new NewTopic("regent.reopen.events", 1, (short) 1))).all().get();
            producer.send(new ProducerRecord<>("regent.reopen.events", "k", "kept")).get();
        }
        int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.start("reopen", logDir, port);
             KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, second.bootstrapServers()), new StringDeserializer(), new StringDeserializer())) {
            assertThat(second.bootstrapServers()).isEqualTo(bootstrap);
            TopicPartition partition = new TopicPartition("regent.reopen.events", 0);
            assertThat(consumer.endOffsets(List.of(partition))).containsEntry(partition, 1L);
        }
    }

    /**
     * Once MirrorMaker created a target, a source topic that (wrongly) gets a finite retention does not pass it on:
     * MirrorMaker does not sync topic settings (with sync on, each flow syncs them as it starts).
     */
    @Test
    @Order(8)
    void aFiniteRetentionOnTheSourceLaterIsNotSyncedToItsCopies() throws Exception {
        ConfigResource source = new ConfigResource(ConfigResource.Type.TOPIC, events("us"));
        admins.get("us").incrementalAlterConfigs(Map.of(source, List.of(new AlterConfigOp(
                new ConfigEntry("retention.ms", "86400000"), AlterConfigOp.OpType.SET)))).all().get();
        mirrorMaker.restart();

        long mirroredBefore = recordCount("eu", events("us"));
        try (KafkaProducer<String, String> usProducer = producer("us")) {
            usProducer.send(new ProducerRecord<>(events("us"), "order-after-restart", "after-restart")).get();
        }
        await().atMost(MIRRORED_WITHIN).until(() -> recordCount("eu", events("us")) == mirroredBefore + 1);

        assertThat(settingsOf("us", events("us"))).containsEntry("retention.ms", "86400000");
        // Long enough for a flow's first sync after the restart (it runs as the flow starts) to show.
        await().during(SYNC_WOULD_SHOW_WITHIN).atMost(SYNC_WOULD_SHOW_WITHIN.multipliedBy(2)).untilAsserted(() -> {
            for (String region : List.of("eu", "apac")) {
                assertThat(settingsOf(region, events("us"))).as("settings of the copy in %s", region)
                        .containsAllEntriesOf(KEEP_EVERY_RECORD);
            }
        });
    }

    @Test
    void rejectsInvalidArgumentsWithClearMessages() {
        Map<String, String> clusters = Map.of("eu", "127.0.0.1:1", "us", "127.0.0.1:2");
        assertThatThrownBy(() -> EmbeddedMirrorMaker.start(Map.of("eu", "127.0.0.1:1"), (region, target) -> "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least two clusters");
        assertThatThrownBy(() -> EmbeddedMirrorMaker.start(Map.of("eu.west", "127.0.0.1:1", "us", "127.0.0.1:2"), (region, target) -> "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eu.west");
        assertThatThrownBy(() -> EmbeddedMirrorMaker.start(clusters, (region, target) -> "regent\\." + region + "\\.(events,local)"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not contain ','");
        assertThatThrownBy(() -> EmbeddedMirrorMaker.start(clusters, (region, target) -> "regent.(" + region))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is invalid");
        assertThatThrownBy(() -> EmbeddedKafkaBroker.start("eu", tempDir.resolve("never"), 70_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("brokerPort");
        assertThatThrownBy(() -> EmbeddedPostgresServer.start("eu", tempDir.resolve("never"), 0, Map.of("shared_buffers", "128 MB")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shared_buffers");
    }

    @Nested
    class PostgresServer {

        @TempDir
        Path dataDir;

        @Test
        void keepsDataPortAndDurableSettingsAcrossRestart() throws SQLException {
            try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start("eu", dataDir, 0,
                    Map.of("max_connections", "40"))) {
                String jdbcUrl = postgres.jdbcUrl();
                DataSource dataSource = postgres.dataSource();
                try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                    statement.execute("CREATE TABLE region_event (id bigint PRIMARY KEY, payload text NOT NULL)");
                    statement.execute("INSERT INTO region_event VALUES (1, 'created'), (2, 'renamed')");
                    assertThat(setting(statement, "fsync")).isEqualTo("on");
                    assertThat(setting(statement, "synchronous_commit")).isEqualTo("on");
                    assertThat(setting(statement, "max_connections")).isEqualTo("40");
                    assertThat(setting(statement, "TimeZone")).isIn("UTC", "Etc/UTC");
                    assertThat(connection.getMetaData().getUserName()).isEqualTo(postgres.username());
                }

                long restarting = System.nanoTime();
                postgres.restart();
                log.info("PostgreSQL restarted in {} ms", millisSince(restarting));

                assertThat(postgres.jdbcUrl()).isEqualTo(jdbcUrl).endsWith("/" + EmbeddedPostgresServer.DATABASE);
                try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                     ResultSet rows = statement.executeQuery("SELECT payload FROM region_event ORDER BY id")) {
                    List<String> payloads = new ArrayList<>();
                    while (rows.next()) {
                        payloads.add(rows.getString(1));
                    }
                    assertThat(payloads).containsExactly("created", "renamed");
                }
            }
        }

        @Test
        void refusesADirectoryThatIsNeitherEmptyNorADataDirectory() throws IOException {
            Files.writeString(dataDir.resolve("notes.txt"), "not a database");
            assertThatThrownBy(() -> EmbeddedPostgresServer.start("eu", dataDir, 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("postgresql.conf");
        }

        private String setting(Statement statement, String name) throws SQLException {
            try (ResultSet result = statement.executeQuery("SHOW " + name)) {
                result.next();
                return result.getString(1);
            }
        }
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private static Map<String, String> settingsOf(String region, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admins.get(region).describeConfigs(List.of(resource)).all().get().get(resource).entries().stream()
                .filter(entry -> entry.value() != null)
                .collect(Collectors.toMap(ConfigEntry::name, ConfigEntry::value));
    }

    private static String events(String region) {
        return "regent." + region + ".events";
    }

    private static String local(String region) {
        return "regent." + region + ".local";
    }

    private static Map<String, String> bootstraps() {
        Map<String, String> bootstraps = new LinkedHashMap<>();
        brokers.forEach((region, broker) -> bootstraps.put(region, broker.bootstrapServers()));
        return bootstraps;
    }

    private static void createTopics(String region, String... topics) throws ExecutionException, InterruptedException {
        List<NewTopic> newTopics = Arrays.stream(topics).map(topic -> new NewTopic(topic, PARTITIONS, (short) 1)).toList();
        admins.get(region).createTopics(newTopics).all().get();
    }

    private static Set<String> topics(String region) throws ExecutionException, InterruptedException {
        return admins.get(region).listTopics().names().get();
    }

    private static KafkaProducer<String, String> producer(String region) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers.get(region).bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    /** Sends {@code count} keyed records with headers to regent.eu.events, one by one, and remembers them. */
    private static void produce(int count, String batch) throws ExecutionException, InterruptedException {
        for (int i = 0; i < count; i++) {
            int sequence = producedEuEvents.size();
            ProducerRecord<String, String> record = new ProducerRecord<>(events("eu"), null,
                    "aggregate-" + (sequence % 7), batch + "-" + sequence);
            record.headers()
                    .add("regent-event-id", ("event-" + sequence).getBytes(StandardCharsets.UTF_8))
                    .add("regent-origin", "eu".getBytes(StandardCharsets.UTF_8));
            euProducer.send(record).get();
            producedEuEvents.add(record);
        }
    }

    /** Waits until each region's copy of regent.eu.events holds exactly what was produced, partition by partition. */
    private static void awaitMirrored(String... regions) {
        Map<Integer, List<String>> expected = byPartition(read("eu", events("eu")));
        assertThat(expected.values().stream().mapToInt(List::size).sum()).isEqualTo(producedEuEvents.size());
        for (String region : regions) {
            await().atMost(MIRRORED_WITHIN).untilAsserted(() ->
                    assertThat(byPartition(read(region, events("eu")))).as("regent.eu.events in %s", region).isEqualTo(expected));
        }
    }

    /** Each partition's records as "key|value|headers|timestamp", in offset order. */
    private static Map<Integer, List<String>> byPartition(List<ConsumerRecord<String, String>> records) {
        return records.stream().collect(Collectors.groupingBy(ConsumerRecord::partition, Collectors.mapping(
                record -> record.key() + "|" + record.value() + "|" + headers(record.headers().toArray()) + "|" + record.timestamp(),
                Collectors.toList())));
    }

    private static String headers(Header[] headers) {
        return Arrays.stream(headers)
                .map(header -> header.key() + "=" + new String(header.value(), StandardCharsets.UTF_8))
                .collect(Collectors.joining(","));
    }

    private static KafkaConsumer<String, String> consumer(String region) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers.get(region).bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10), new StringDeserializer(), new StringDeserializer());
    }

    /** Everything currently in {@code topic} (or what could be read within the deadline), without a consumer group. */
    private static List<ConsumerRecord<String, String>> read(String region, String topic) {
        try (KafkaConsumer<String, String> consumer = consumer(region)) {
            List<TopicPartition> partitions = partitions(topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + MIRRORED_WITHIN.toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
            return records;
        }
    }

    private static long recordCount(String region, String topic) {
        try (KafkaConsumer<String, String> consumer = consumer(region)) {
            Collection<Long> ends = consumer.endOffsets(partitions(topic)).values();
            return ends.stream().mapToLong(Long::longValue).sum();
        }
    }

    private static List<TopicPartition> partitions(String topic) {
        return IntStream.range(0, PARTITIONS).mapToObj(partition -> new TopicPartition(topic, partition)).toList();
    }

    /**
     * Produces {@code count} records to eu one by one (acknowledged: a realistic trickle, not a burst) while a
     * consumer on us's copy records each one's lag; returns the lags in ms, sorted.
     */
    private static List<Long> produceMeasuringLag(int count, String batch) throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        AtomicBoolean running = new AtomicBoolean(true);
        ConcurrentLinkedQueue<Long> lagsMillis = new ConcurrentLinkedQueue<>();
        CountDownLatch probeReady = new CountDownLatch(1);
        Future<?> probe = executor.submit(() -> measureLag("us", count, running, probeReady, lagsMillis));
        try {
            assertThat(probeReady.await(10, TimeUnit.SECONDS)).as("lag probe ready").isTrue();
            produce(count, batch);
            await().atMost(MIRRORED_WITHIN).until(() -> lagsMillis.size() >= count);
        } finally {
            running.set(false);
            executor.shutdown();
        }
        probe.get();
        return lagsMillis.stream().sorted().toList();
    }

    /** Polls us's copy from its current end, recording receipt time minus the (preserved) producer timestamp. */
    private static void measureLag(String region, int count, AtomicBoolean running, CountDownLatch ready,
                                   Collection<Long> lagsMillis) {
        try (KafkaConsumer<String, String> consumer = consumer(region)) {
            List<TopicPartition> partitions = partitions(events("eu"));
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // resolve the end now, before the first record is produced
            ready.countDown();
            while (running.get() && lagsMillis.size() < count) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
                    lagsMillis.add(System.currentTimeMillis() - record.timestamp());
                }
            }
        }
    }

    private static long percentile(List<Long> sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
