package dev.regent.insurer.benchmark;

import dev.regent.insurer.support.RegentClient;
import dev.regent.insurer.support.ThreeRegions;
import dev.regent.insurer.identity.ChangeCustomerContactCommand;
import dev.regent.insurer.identity.CountryCode;
import dev.regent.insurer.identity.CustomerId;
import dev.regent.insurer.identity.EmailAddress;
import dev.regent.insurer.identity.PersonName;
import dev.regent.insurer.identity.PhoneNumber;
import dev.regent.insurer.identity.RegisterCustomerCommand;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static dev.regent.insurer.support.ThreeRegions.APAC;
import static dev.regent.insurer.support.ThreeRegions.EU;
import static dev.regent.insurer.support.ThreeRegions.US;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each figure next to its physical baseline, measured in the same run on the same machine: appends against raw
 * PostgreSQL inserts, cross-region propagation against MirrorMaker 2 alone, routed commands against direct ones, and
 * the resident memory of the whole embedded stack. Prints a table; nothing fails for being slow.
 */
class PhysicalLimitsBenchmark {

    private static final int THREADS = Integer.getInteger("benchmark.threads", 8);
    private static final int APPENDS = Integer.getInteger("benchmark.appends", 4000);
    private static final int RATE = Integer.getInteger("benchmark.rate", 20);
    private static final int SECONDS = Integer.getInteger("benchmark.seconds", 20);
    private static final int ROUTED = Integer.getInteger("benchmark.routed", 300);
    private static final int IDLE_SECONDS = Integer.getInteger("benchmark.idle-seconds", 30);

    private final RegentClient api = ThreeRegions.client();
    private final CommandGateway eu = ThreeRegions.region(EU).bean(CommandGateway.class);
    private final List<String[]> rows = new ArrayList<>();

    @Test
    void eachFigureNextToItsBaseline() throws Exception {
        List<String> customers = register(APPENDS / 4 + RATE * SECONDS * 13 + ROUTED);
        awaitReplicated(customers, 1);
        measureIdle();

        measureAppends(customers.subList(0, APPENDS / 4));
        int from = APPENDS / 4;
        measurePropagation("steady", RATE, customers.subList(from, from + RATE * SECONDS));
        from += RATE * SECONDS;
        int start2x = from;
        long peak2x = peakMemoryDuring(() -> measurePropagation("2x", RATE * 2,
                customers.subList(start2x, start2x + RATE * SECONDS * 2)));
        from += RATE * SECONDS * 2;
        int start10x = from;
        long peak10x = peakMemoryDuring(() -> measurePropagation("10x", RATE * 10,
                customers.subList(start10x, start10x + RATE * SECONDS * 10)));
        from += RATE * SECONDS * 10;
        measureRouting(customers.subList(from, from + ROUTED));
        rows.add(new String[]{"resident memory, peak under 2x load", String.format("%,d MiB", peak2x), "", ""});
        rows.add(new String[]{"resident memory, peak under 10x load", String.format("%,d MiB", peak10x), "", ""});

        print();
        assertThat(rows).isNotEmpty();
    }

    /** The whole stack with nothing to do, its processors caught up: CPU (share of one core) and memory. */
    private void measureIdle() throws InterruptedException {
        Thread.sleep(15_000); // what the registrations left behind (commits, JIT, caches) settles
        StackCpu before = StackCpu.now();
        Thread.sleep(IDLE_SECONDS * 1_000L);
        StackCpu idle = StackCpu.now().minus(before);
        rows.add(new String[]{String.format("CPU, three regions idle (%d s)", IDLE_SECONDS),
                String.format("%.1f %% of a core", idle.millisPer(1) / (IDLE_SECONDS * 10.0)), "",
                idle.describe(IDLE_SECONDS, "second idle").lines().skip(1).limit(6)
                        .map(String::strip).reduce((a, b) -> a + "; " + b).orElse("")});
        rows.add(new String[]{"resident memory, idle (3 regions)", ResidentMemory.now().toString(), "", ""});
    }

    /** The highest JVM + PostgreSQL resident memory sampled every 500 ms while {@code load} runs, in MiB. */
    private static long peakMemoryDuring(ThrowingRunnable load) throws Exception {
        AtomicBoolean sampling = new AtomicBoolean(true);
        AtomicLong peak = new AtomicLong();
        CompletableFuture<Void> sampler = CompletableFuture.runAsync(() -> {
            while (sampling.get()) {
                ResidentMemory now = ResidentMemory.now();
                peak.accumulateAndGet(now.jvmMiB() + now.postgresMiB(), Math::max);
                sleep(500);
            }
        });
        try {
            load.run();
        } finally {
            sampling.set(false);
            sampler.join();
        }
        return peak.get();
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** eu customers, registered at their owner through its command gateway. */
    private List<String> register(int count) throws Exception {
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<CompletableFuture<Void>> done = IntStream.range(0, count).mapToObj(n -> CompletableFuture.runAsync(() -> {
            CustomerId id = CustomerId.generate();
            eu.sendAndWait(new RegisterCustomerCommand(id, new PersonName("Bench Customer " + n),
                    new EmailAddress("bench-" + n + "@example.fr"), new PhoneNumber("+33 1 00 00 " + (1000 + n % 9000)),
                    new CountryCode("FR")));
            ids.add(id.value());
        }, pool)).toList();
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
        pool.shutdown();
        return new ArrayList<>(ids);
    }

    /** Commands/s (one event each) against one transaction per command inserting a row of the same size, raw. */
    private void measureAppends(List<String> customers) throws Exception {
        int perCustomer = APPENDS / customers.size();
        long start = System.nanoTime();
        runConcurrently(customers.size() * perCustomer, n -> eu.sendAndWait(new ChangeCustomerContactCommand(
                new CustomerId(customers.get(n % customers.size())), new EmailAddress("append-" + n + "@example.fr"),
                null)));
        double regent = customers.size() * perCustomer / seconds(start);
        awaitReplicated(customers, 1 + perCustomer); // the next phases start with nothing left to replicate

        double raw;
        try (RawInserts inserts = RawInserts.intoEu(THREADS)) {
            start = System.nanoTime();
            runConcurrently(customers.size() * perCustomer,
                    n -> inserts.insert(customers.get(n % customers.size()), n));
            raw = customers.size() * perCustomer / seconds(start);
        }
        rows.add(new String[]{String.format("appends in eu, %d threads (commands/s = events/s)", THREADS),
                String.format("%,.0f /s", regent), String.format("raw PostgreSQL inserts %,.0f /s", raw),
                String.format("%.0f %%", 100 * regent / raw)});
    }

    /** Owner commit → applied in us's and apac's read models, at a steady rate, against MirrorMaker 2 alone. */
    private void measurePropagation(String load, int perSecond, List<String> customers) throws Exception {
        ConcurrentLinkedQueue<Double> mirrorMaker = new ConcurrentLinkedQueue<>();
        AtomicBoolean listening = new AtomicBoolean(true);
        CountDownLatch atTheEnd = new CountDownLatch(1);
        CompletableFuture<Void> consumer = CompletableFuture.runAsync(() ->
                consumeMirrored(listening, atTheEnd, mirrorMaker));
        assertThat(atTheEnd.await(1, TimeUnit.MINUTES)).as("consumer on us's cluster ready").isTrue();
        ExecutorService senders = Executors.newFixedThreadPool(THREADS);
        long startNanos = System.nanoTime();
        for (int n = 0; n < customers.size(); n++) {
            long due = startNanos + n * 1_000_000_000L / perSecond;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            String id = customers.get(n);
            int number = n;
            senders.submit(() -> eu.sendAndWait(new ChangeCustomerContactCommand(new CustomerId(id),
                    new EmailAddress("moved-" + number + "@example.fr"), null)));
        }
        senders.shutdown();
        assertThat(senders.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
        awaitReplicated(customers, 2);
        listening.set(false);
        consumer.join();
        for (String region : List.of(US, APAC)) {
            List<Double> lags = ThreeRegions.database(region).queryForList("""
                    select extract(epoch from (updated_at - last_event_at)) * 1000 from regent_view
                     where view_name = 'customers' and aggregate_id = any(?::varchar[])
                    """, Double.class, (Object) customers.toArray(String[]::new));
            rows.add(new String[]{String.format("propagation eu → %s, %s load (%d changes/s)", region, load,
                    perSecond), Latencies.of(lags).toString(),
                    region.equals(US) ? "MirrorMaker 2 alone eu → us: " + Latencies.of(mirrorMaker) : "", ""});
        }
    }

    /** Records eu's egress sends toward us, as they become readable on us's cluster (MirrorMaker keeps timestamps). */
    private static void consumeMirrored(AtomicBoolean listening, CountDownLatch atTheEnd,
                                        ConcurrentLinkedQueue<Double> latencies) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ThreeRegions.region(US).broker().bootstrapServers());
        properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor("regent.eu.to.us.events").stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            atTheEnd.countDown();
            while (listening.get()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                    latencies.add((double) (System.currentTimeMillis() - record.timestamp()));
                }
            }
        }
    }

    /** The same change sent to the owner (eu) and through a non-owner (us), one at a time, over HTTP. */
    private void measureRouting(List<String> customers) {
        List<Double> direct = new ArrayList<>();
        List<Double> routed = new ArrayList<>();
        for (int n = 0; n < customers.size(); n++) {
            String path = "/customers/" + customers.get(n) + "/contact";
            long start = System.nanoTime();
            assertThat(api.put(EU, path, Map.of("email", "direct-" + n + "@example.fr")).status()).isEqualTo(200);
            direct.add(seconds(start) * 1000);
            start = System.nanoTime();
            assertThat(api.put(US, path, Map.of("email", "routed-" + n + "@example.fr")).status()).isEqualTo(200);
            routed.add(seconds(start) * 1000);
        }
        rows.add(new String[]{"contact change routed us → eu (HTTP, one at a time)", Latencies.of(routed).toString(),
                "sent to the owner eu directly: " + Latencies.of(direct), ""});
    }

    private void awaitReplicated(List<String> customers, long version) {
        for (String region : List.of(US, APAC)) {
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    ThreeRegions.database(region).queryForObject("""
                            select count(*) from regent_view where view_name = 'customers'
                               and aggregate_id = any(?::varchar[]) and last_sequence + 1 >= ?
                            """, Long.class, customers.toArray(String[]::new), version) == customers.size());
        }
    }

    private static void runConcurrently(int count, java.util.function.IntConsumer work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<CompletableFuture<Void>> done = IntStream.range(0, count)
                .mapToObj(n -> CompletableFuture.runAsync(() -> work.accept(n), pool)).toList();
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(30, TimeUnit.MINUTES);
        pool.shutdown();
    }

    private void print() {
        StringBuilder table = new StringBuilder(String.format("%n=== Regent against the physical limits (%d cores, "
                + "three regions in one JVM) ===%n", Runtime.getRuntime().availableProcessors()));
        rows.forEach(row -> table.append(String.format("%-58s %-48s %s %s%n", (Object[]) row).stripTrailing())
                .append(System.lineSeparator()));
        System.out.println(table);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
