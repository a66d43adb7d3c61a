package dev.regent.insurer.benchmark;

import dev.regent.insurer.support.ThreeRegions;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static dev.regent.insurer.support.ThreeRegions.APAC;
import static dev.regent.insurer.support.ThreeRegions.EU;
import static dev.regent.insurer.support.ThreeRegions.US;

/**
 * CPU time of the whole three-region stack: this JVM's threads (services, brokers, MirrorMaker 2), grouped by what
 * they are, and each region's PostgreSQL processes. Take one before and one after, and describe the difference per
 * unit of work.
 */
record StackCpu(Map<String, Long> jvmNanos, Map<String, Long> postgresTicks, long processNanos) {

    static StackCpu now() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> jvm = new TreeMap<>();
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu > 0) {
                jvm.merge(group(info.getThreadName()), cpu, Long::sum);
            }
        }
        Map<String, Long> postgres = new TreeMap<>();
        for (String region : List.of(EU, US, APAC)) {
            postgres.put(region, postgresTicks(ThreeRegions.region(region).database().dataDir()));
        }
        long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        return new StackCpu(jvm, postgres, process);
    }

    static String group(String thread) {
        if (thread.startsWith("EventProcessor[")) {
            return "processor " + thread.substring("EventProcessor[".length(), thread.indexOf(']'));
        }
        if (thread.startsWith("bench-sender")) {
            return "command senders (the commands' own work)";
        }
        if (thread.startsWith("kafka-producer")) {
            return "kafka producers";
        }
        if (thread.contains("mirror") || thread.contains("Mirror") || thread.startsWith("task-thread")
                || thread.contains("connect")) {
            return "MirrorMaker 2";
        }
        if (thread.startsWith("kafka") || thread.startsWith("data-plane") || thread.startsWith("broker")
                || thread.startsWith("controller") || thread.startsWith("quorum") || thread.contains("raft")
                || thread.startsWith("ReplicaFetcher") || thread.startsWith("ExpirationReaper")
                || thread.startsWith("LogDirFailureHandler") || thread.startsWith("executor-")
                || thread.startsWith("group-coordinator") || thread.startsWith("transaction-log")) {
            return "Kafka brokers";
        }
        if (thread.startsWith("GC ") || thread.startsWith("G1 ") || thread.contains("Compiler")
                || thread.startsWith("VM ")) {
            return "JVM (GC, JIT)";
        }
        return "other: " + thread.replaceAll("[-#]?\\d+", "");
    }

    /** utime + stime of the postmaster and its children (clock ticks), including children that exited. */
    static long postgresTicks(Path dataDir) {
        try {
            long postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
            long ticks = 0;
            try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
                for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                    String[] stat = stat(process);
                    if (stat == null) {
                        continue;
                    }
                    long pid = Long.parseLong(process.getFileName().toString());
                    if (pid == postmaster) {
                        ticks += Long.parseLong(stat[11]) + Long.parseLong(stat[12])
                                + Long.parseLong(stat[13]) + Long.parseLong(stat[14]);
                    } else if (Long.parseLong(stat[1]) == postmaster) {
                        ticks += Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
                    }
                }
            }
            return ticks;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Fields of /proc/pid/stat after the command name: [0] state, [1] ppid, ... [11] utime, [12] stime. */
    private static String[] stat(Path process) {
        try {
            String stat = Files.readString(process.resolve("stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }

    StackCpu minus(StackCpu before) {
        Map<String, Long> jvm = new TreeMap<>();
        jvmNanos.forEach((group, nanos) -> jvm.put(group, nanos - before.jvmNanos.getOrDefault(group, 0L)));
        Map<String, Long> postgres = new TreeMap<>();
        postgresTicks.forEach((region, ticks) -> postgres.put(region, ticks - before.postgresTicks.get(region)));
        return new StackCpu(jvm, postgres, processNanos - before.processNanos);
    }

    String describe(long commands) {
        return describe(commands, "command");
    }

    /** Whole stack, JVM and every PostgreSQL, in ms of CPU per {@code unit}. */
    double millisPer(long units) {
        long pgTotal = postgresTicks.values().stream().mapToLong(Long::longValue).sum();
        return (processNanos / 1e6 + pgTotal * 10.0) / units;
    }

    String describe(long units, String unit) {
        StringBuilder out = new StringBuilder();
        double perCommand = 1e3 / units; // ms per unit, from seconds
        long pgTotal = postgresTicks.values().stream().mapToLong(Long::longValue).sum();
        out.append(String.format("  CPU per " + unit + ": JVM %.3f ms, PostgreSQL %.3f ms (eu %.3f, us %.3f, apac %.3f)%n",
                processNanos / 1e9 * perCommand, pgTotal / 100.0 * perCommand,
                postgresTicks.get(EU) / 100.0 * perCommand, postgresTicks.get(US) / 100.0 * perCommand,
                postgresTicks.get(APAC) / 100.0 * perCommand));
        jvmNanos.entrySet().stream().filter(e -> e.getValue() > processNanos / 100)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> out.append(String.format("    %6.3f ms  %s%n", e.getValue() / 1e9 * perCommand,
                        e.getKey())));
        return out.toString();
    }
}
