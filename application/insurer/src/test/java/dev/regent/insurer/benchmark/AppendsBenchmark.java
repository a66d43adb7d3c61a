package dev.regent.insurer.benchmark;

import dev.regent.insurer.support.ThreeRegions;
import dev.regent.insurer.identity.ChangeCustomerContactCommand;
import dev.regent.insurer.identity.CountryCode;
import dev.regent.insurer.identity.CustomerId;
import dev.regent.insurer.identity.EmailAddress;
import dev.regent.insurer.identity.PersonName;
import dev.regent.insurer.identity.PhoneNumber;
import dev.regent.insurer.identity.RegisterCustomerCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static dev.regent.insurer.support.ThreeRegions.APAC;
import static dev.regent.insurer.support.ThreeRegions.EU;
import static dev.regent.insurer.support.ThreeRegions.US;
import static org.awaitility.Awaitility.await;

/**
 * A diagnostic, not a figure for BENCHMARKS.md: where an append's time goes. Appends in eu with every event processor
 * of the three regions running, then with all of them shut down (the command side alone), each with the CPU spent by
 * JVM thread group and by each region's PostgreSQL, and the command side's round trips and hot methods (JFR). Run with {@code -Pbenchmarks -Dit.test=AppendsBenchmark}.
 */
class AppendsBenchmark {

    private static final int THREADS = Integer.getInteger("benchmark.threads", 8);
    private static final int APPENDS = Integer.getInteger("benchmark.appends", 2000);

    private final CommandGateway eu = ThreeRegions.region(EU).bean(CommandGateway.class);

    @Test
    void whereAnAppendsTimeGoes() throws Exception {
        List<String> customers = register(APPENDS / 4);
        awaitReplicated(customers, 1);
        StringBuilder report = new StringBuilder(String.format("%n=== Appends in eu: where the time goes (%d cores, "
                + "%d threads, %d commands per phase) ===%n", Runtime.getRuntime().availableProcessors(), THREADS,
                APPENDS));
        StackCpu idleStart = StackCpu.now();
        Thread.sleep(10_000);
        String idle = String.format("idle, all processors running, 10 s: CPU in ms per second (cores × 1000)%n%s",
                StackCpu.now().minus(idleStart).describe(10));
        System.out.println(idle);
        report.append(idle);
        int version = 1;
        for (int round = 1; round <= 2; round++) {
            report.append(phase("round " + round + ", full pipeline (all processors running)", customers, version));
            version += APPENDS / customers.size();
            awaitReplicated(customers, version);
            // As a region deployed on its own machines sees it: the other regions and MirrorMaker 2 take no CPU here.
            pauseProcessors(US, APAC);
            ThreeRegions.topology().mirrorMaker().stop();
            report.append(phase("round " + round + ", eu's own processors only (us, apac and MirrorMaker 2 stopped)",
                    customers, version));
            version += APPENDS / customers.size();
            pauseProcessors(EU);
            report.append(phase("round " + round + ", command side alone (processors shut down)", customers,
                    version));
            version += APPENDS / customers.size();
            if (round == 1) {
                String profile = profileCommandSide(customers, version);
                System.out.println(profile);
                report.append(profile);
                version += APPENDS / customers.size();
            }
            ThreeRegions.topology().mirrorMaker().restart();
            resumeProcessors();
            awaitReplicated(customers, version);
        }
        report.append(raw(customers));
        System.out.println(report);
    }

    private String phase(String name, List<String> customers, int version) throws Exception {
        StackCpu before = StackCpu.now();
        long start = System.nanoTime();
        int count = APPENDS / customers.size() * customers.size();
        runConcurrently(count, n -> eu.sendAndWait(new ChangeCustomerContactCommand(
                new CustomerId(customers.get(n % customers.size())),
                new EmailAddress("append-" + version + "-" + n + "@example.fr"), null)));
        double seconds = (System.nanoTime() - start) / 1e9;
        StackCpu after = StackCpu.now();
        String result = String.format("%s: %,.0f commands/s (%.1f s)%n%s", name, count / seconds, seconds,
                after.minus(before).describe(count));
        System.out.println(result);
        return result;
    }

    /**
     * The command side alone under Java Flight Recorder: round trips to PostgreSQL per command (the senders' socket
     * writes: pgjdbc sends each statement, with its BEGIN or COMMIT, in one write) and where the senders' CPU goes.
     */
    private String profileCommandSide(List<String> customers, int version) throws Exception {
        Path file = Files.createTempFile("appends-", ".jfr");
        int count = APPENDS / customers.size() * customers.size();
        try (jdk.jfr.Recording recording = new jdk.jfr.Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            recording.enable("jdk.SocketWrite").withThreshold(Duration.ZERO).withStackTrace();
            recording.start();
            runConcurrently(count, n -> eu.sendAndWait(new ChangeCustomerContactCommand(
                    new CustomerId(customers.get(n % customers.size())),
                    new EmailAddress("profiled-" + version + "-" + n + "@example.fr"), null)));
            recording.stop();
            recording.dump(file);
        }
        Map<String, Long> writesByCaller = new TreeMap<>();
        Map<String, Long> selfFrames = new TreeMap<>();
        Map<String, Long> regentOrAxonFrames = new TreeMap<>();
        long writes = 0;
        long samples = 0;
        for (jdk.jfr.consumer.RecordedEvent event : jdk.jfr.consumer.RecordingFile.readAllEvents(file)) {
            jdk.jfr.consumer.RecordedThread thread = event.getThread(event.getEventType().getName()
                    .equals("jdk.ExecutionSample") ? "sampledThread" : "eventThread");
            if (thread == null || thread.getJavaName() == null || !thread.getJavaName().startsWith("bench-sender")
                    || event.getStackTrace() == null) {
                continue;
            }
            List<jdk.jfr.consumer.RecordedFrame> frames = event.getStackTrace().getFrames();
            if (event.getEventType().getName().equals("jdk.SocketWrite")) {
                writes++;
                writesByCaller.merge(caller(frames, "dev.regent", "org.axonframework"), 1L, Long::sum);
            } else {
                samples++;
                if (!frames.isEmpty()) {
                    selfFrames.merge(name(frames.get(0)), 1L, Long::sum);
                }
                frames.stream().map(AppendsBenchmark::name).distinct()
                        .filter(frame -> frame.startsWith("dev.regent") || frame.startsWith("org.axonframework")
                                || frame.startsWith("com.fasterxml") || frame.startsWith("javax.crypto")
                                || frame.startsWith("org.postgresql") || frame.startsWith("com.zaxxer")
                                || frame.startsWith("org.springframework"))
                        .forEach(frame -> regentOrAxonFrames.merge(frame, 1L, Long::sum));
            }
        }
        Files.deleteIfExists(file);
        StringBuilder out = new StringBuilder(String.format("command side alone under JFR, %d commands: %.2f round "
                + "trips to PostgreSQL per command (socket writes of the senders), by caller:%n", count,
                writes / (double) count));
        top(writesByCaller, 15).forEach(e -> out.append(String.format("  %6.2f  %s%n", e.getValue() / (double) count,
                e.getKey())));
        out.append(String.format("  senders' CPU samples: %d; hottest methods (self):%n", samples));
        long all = Math.max(1, samples);
        top(selfFrames, 15).forEach(e -> out.append(String.format("  %5.1f %%  %s%n", 100.0 * e.getValue() / all,
                e.getKey())));
        out.append("  methods on the stack (inclusive):\n");
        top(regentOrAxonFrames, 45).forEach(e -> out.append(String.format("  %5.1f %%  %s%n",
                100.0 * e.getValue() / all, e.getKey())));
        return out.toString();
    }

    private static String caller(List<jdk.jfr.consumer.RecordedFrame> frames, String... packages) {
        StringBuilder path = new StringBuilder();
        int found = 0;
        for (jdk.jfr.consumer.RecordedFrame frame : frames) {
            String name = name(frame);
            for (String p : packages) {
                if (name.startsWith(p) && found < 2) {
                    path.append(found == 0 ? "" : " < ").append(name);
                    found++;
                    break;
                }
            }
        }
        return path.toString();
    }

    private static String name(jdk.jfr.consumer.RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static List<Map.Entry<String, Long>> top(Map<String, Long> counts, int n) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n)
                .toList();
    }

    private String raw(List<String> customers) throws Exception {
        StringBuilder out = new StringBuilder();
        try (RawInserts raw = RawInserts.intoEu(THREADS)) {
            for (int r = 1; r <= 2; r++) {
                long offset = (long) APPENDS * r;
                StackCpu before = StackCpu.now();
                long start = System.nanoTime();
                runConcurrently(APPENDS, n -> raw.insert(customers.get(n % customers.size()), n + offset));
                double seconds = (System.nanoTime() - start) / 1e9;
                out.append(String.format("raw PostgreSQL inserts, round %d: %,.0f /s%n%s", r, APPENDS / seconds,
                        StackCpu.now().minus(before).describe(APPENDS)));
            }
        }
        return out.toString();
    }

    private static void pauseProcessors(String... regions) {
        for (String region : regions) {
            ThreeRegions.region(region).bean(EventProcessingConfiguration.class).eventProcessors().values()
                    .forEach(EventProcessor::shutDown);
        }
    }

    private static void resumeProcessors() {
        for (String region : List.of(EU, US, APAC)) {
            ThreeRegions.region(region).bean(EventProcessingConfiguration.class).eventProcessors().values()
                    .forEach(EventProcessor::start);
        }
    }

    private List<String> register(int count) throws Exception {
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        runConcurrently(count, n -> {
            CustomerId id = CustomerId.generate();
            eu.sendAndWait(new RegisterCustomerCommand(id, new PersonName("Bench Customer " + n),
                    new EmailAddress("bench-" + n + "@example.fr"), new PhoneNumber("+33 1 00 00 " + (1000 + n % 9000)),
                    new CountryCode("FR")));
            ids.add(id.value());
        });
        return new ArrayList<>(ids);
    }

    private static void awaitReplicated(List<String> customers, long version) {
        for (String region : List.of(US, APAC)) {
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(500)).until(() ->
                    ThreeRegions.database(region).queryForObject("""
                            select count(*) from regent_view where view_name = 'customers'
                               and aggregate_id = any(?::varchar[]) and last_sequence + 1 >= ?
                            """, Long.class, customers.toArray(String[]::new), version) == customers.size());
        }
    }

    /** Kept for the whole run: the CPU of threads that ended would no longer be counted. */
    private static final ExecutorService SENDERS = Executors.newFixedThreadPool(THREADS, runnable -> {
        Thread thread = new Thread(runnable);
        thread.setName("bench-sender-" + thread.getId());
        thread.setDaemon(true);
        return thread;
    });

    private static void runConcurrently(int count, IntConsumer work) throws Exception {
        List<CompletableFuture<Void>> done = IntStream.range(0, count)
                .mapToObj(n -> CompletableFuture.runAsync(() -> work.accept(n), SENDERS)).toList();
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(30, TimeUnit.MINUTES);
    }
}
