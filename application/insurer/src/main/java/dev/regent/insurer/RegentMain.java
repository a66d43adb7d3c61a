package dev.regent.insurer;

import dev.regent.application.cli.RegentCli;
import org.springframework.boot.SpringApplication;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code regent region} runs one region's service; {@code regent local} (only where the local lab is on the classpath:
 * the developer's {@code regent.jar}, never the region image) runs every region on this machine; the operators'
 * commands ({@link RegentCli}) ask a running region.
 */
public final class RegentMain {

    /** The lab's command, loaded by name: main code never depends on the lab. */
    private static final String LAB_COMMAND = "dev.regent.lab.LocalCommand";

    private RegentMain() {
    }

    public static void main(String[] args) {
        // Axon's update checker would try the internet at startup; Regent's regions often have none.
        System.setProperty("axoniq.update-checker.disabled",
                System.getProperty("axoniq.update-checker.disabled", "true"));
        int exitCode = commandLine().execute(args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    static CommandLine commandLine() {
        CommandLine cli = RegentCli.commandLine();
        cli.addSubcommand("region", new RegionCommand());
        lab().ifPresent(local -> cli.addSubcommand("local", local));
        return cli;
    }

    private static Optional<Object> lab() {
        try {
            return Optional.of(Class.forName(LAB_COMMAND).getConstructor(Class.class)
                    .newInstance(InsurerApplication.class));
        } catch (ClassNotFoundException notInThisImage) {
            return Optional.empty();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("The local lab is on the classpath but cannot be started", e);
        }
    }

    @Command(name = "region", description = "Runs one region's service, configured by environment variables or "
            + "--property=value arguments (REGENT_REGION, REGENT_DB_URL, REGENT_KAFKA_BOOTSTRAP_SERVERS, ...: see "
            + "application.yml).")
    static final class RegionCommand implements Callable<Integer> {

        @CommandLine.Unmatched
        private String[] springArguments = new String[0];

        @Override
        public Integer call() {
            SpringApplication.run(InsurerApplication.class, springArguments);
            return 0;
        }
    }
}
