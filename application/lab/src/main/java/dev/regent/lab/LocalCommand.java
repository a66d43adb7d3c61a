package dev.regent.lab;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/** {@code regent local}: starts eu, us and apac on this machine and keeps them running until Ctrl-C. */
@Command(name = "local", mixinStandardHelpOptions = true,
        description = "Starts the regions eu, us and apac on this machine (embedded PostgreSQL and Kafka per region, "
                + "MirrorMaker 2 between them) and keeps them running until Ctrl-C.")
public final class LocalCommand implements Callable<Integer> {

    static final List<String> REGIONS = List.of("eu", "us", "apac");

    private final Class<?> application;

    /** @param application the region service's Spring Boot application class */
    public LocalCommand(Class<?> application) {
        this.application = application;
    }

    @Option(names = "--base-port", defaultValue = "8081",
            description = "HTTP port of the first region; the others follow (default: eu 8081, us 8082, apac 8083).")
    int basePort;

    @Option(names = "--instances", defaultValue = "1",
            description = "Service instances per region, sharing its PostgreSQL and Kafka (default: ${DEFAULT-VALUE}). "
                    + "Instance k of a region listens on its port + 100*(k-1): eu 8081, 8181...; every region calls "
                    + "any instance of another. Type `stop eu 2` / `start eu 2` here to stop or start one.")
    int instances;

    @Option(names = "--data-dir", description = "Keep databases and Kafka logs in this directory across runs "
            + "(default: a temporary directory, deleted on exit).")
    Path dataDir;

    @Option(names = "--tokens-file", defaultValue = "regent-local.env",
            description = "Where to write one ready bearer token per role, as shell exports (default: ${DEFAULT-VALUE}"
                    + "; readable by you only). `source` it, then call the API with "
                    + "-H \"Authorization: Bearer $REGENT_TOKEN_WRITE\".")
    Path tokensFile;

    @Override
    public Integer call() throws Exception {
        if (instances < 1) {
            System.err.println("--instances must be 1 or more, not " + instances);
            return 2;
        }
        long started = System.nanoTime();
        Map<String, Integer> ports = new LinkedHashMap<>();
        Map<String, Integer> instancesByRegion = new LinkedHashMap<>();
        for (int i = 0; i < REGIONS.size(); i++) {
            ports.put(REGIONS.get(i), basePort + i);
            instancesByRegion.put(REGIONS.get(i), instances);
        }
        boolean temporary = dataDir == null;
        Path dir = temporary ? Files.createTempDirectory("regent-local-") : dataDir.toAbsolutePath();
        System.out.println("Starting regions " + REGIONS + (instances > 1 ? ", " + instances + " instances each" : "")
                + " (data in " + dir + ")");
        LocalTopology topology = LocalTopology.start(
                new LocalTopology.Settings(application, ports, dir, temporary, Map.of(), Map.of(), instancesByRegion),
                region -> System.out.printf("Region %-4s ready at %s  (PostgreSQL %s, Kafka %s)%n", region.name(),
                        region.instances().stream().map(instance -> instance.url().toString())
                                .collect(Collectors.joining(", ")),
                        region.database().jdbcUrl(), region.broker().bootstrapServers()));

        writeTokens(topology.identity());
        System.out.printf("All %d regions up in %.1f s. MirrorMaker 2 mirrors %s. Ctrl-C stops them.%n",
                REGIONS.size(), Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0,
                topology.mirrorMaker().flows().keySet());
        // The topology's shutdown hook stops every region on Ctrl-C.
        if (instances > 1) {
            new InstanceConsole(topology, System.out).run(new BufferedReader(new InputStreamReader(System.in,
                    StandardCharsets.UTF_8)));
        }
        new CountDownLatch(1).await();
        return 0;
    }

    /** One token per role, written as shell exports for `source`, and said where. */
    private void writeTokens(LocalIdentityProvider identity) {
        StringBuilder exports = new StringBuilder("# Bearer tokens of `regent local` (valid "
                + LocalIdentityProvider.TOKEN_LIFETIME.toHours() + " h, for this run only). source this file.\n");
        identity.roleTokens().forEach((variable, token) -> exports.append("export ").append(variable).append('=')
                .append(token).append('\n'));
        Path file = tokensFile.toAbsolutePath();
        LocalPki.writeSecret(file, exports.toString());
        System.out.println("Tokens for " + LocalIdentityProvider.ROLES.stream().map(role -> role.variable())
                .toList() + " written to " + file + ": source it, then e.g. curl -H \"Authorization: Bearer "
                + "$REGENT_TOKEN_WRITE\" ...");
    }
}
