package dev.regent.insurer.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Resident memory of this JVM (all three regions, brokers, MirrorMaker 2) and of the PostgreSQL processes, in MiB. */
record ResidentMemory(long jvmMiB, long postgresMiB) {

    static ResidentMemory now() {
        long postgres = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            postgres = processes.filter(path -> path.getFileName().toString().matches("\\d+"))
                    .mapToLong(ResidentMemory::postgresRssKiB).sum();
        } catch (IOException e) {
            postgres = -1;
        }
        return new ResidentMemory(rssKiB(Path.of("/proc/self/status")) / 1024, postgres / 1024);
    }

    private static long postgresRssKiB(Path process) {
        try {
            String status = Files.readString(process.resolve("status"));
            return status.contains("Name:\tpostgres") ? rssOf(status) : 0;
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    private static long rssKiB(Path status) {
        try {
            return rssOf(Files.readString(status));
        } catch (IOException e) {
            return -1;
        }
    }

    private static long rssOf(String status) {
        return status.lines().filter(line -> line.startsWith("VmRSS:"))
                .map(line -> line.replaceAll("\\D", "")).mapToLong(Long::parseLong).findFirst().orElse(0);
    }

    @Override
    public String toString() {
        return String.format("JVM %,d MiB + PostgreSQL ×3 %,d MiB = %,d MiB", jvmMiB, postgresMiB,
                jvmMiB + postgresMiB);
    }
}
