package dev.regent.application;

import dev.regent.application.cli.AuditCommand;
import dev.regent.application.cli.DeadLettersCommand;
import dev.regent.application.cli.ProjectionsCommand;
import dev.regent.application.cli.RebuildCommand;
import dev.regent.application.cli.ReconcileCommand;
import dev.regent.application.cli.TransferCommand;
import dev.regent.application.local.LocalCommand;
import org.springframework.boot.SpringApplication;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/**
 * {@code regent local} runs every region on this machine; {@code regent region} runs one region's service; {@code audit},
 * {@code reconcile}, {@code rebuild}, {@code projections}, {@code transfer} and {@code dead-letters} are the operators'
 * commands against a running region.
 */
@Command(name = "regent", mixinStandardHelpOptions = true, version = "Regent 0.1.0",
        description = "Region-owned event sourcing on Axon Framework.",
        subcommands = {LocalCommand.class, RegentMain.RegionCommand.class, AuditCommand.class, ReconcileCommand.class,
                RebuildCommand.class, ProjectionsCommand.class, TransferCommand.class, DeadLettersCommand.class})
public final class RegentMain implements Runnable {

    public static void main(String[] args) {
        // Axon's update checker would try the internet at startup; Regent's regions often have none.
        System.setProperty("axoniq.update-checker.disabled",
                System.getProperty("axoniq.update-checker.disabled", "true"));
        int exitCode = new CommandLine(new RegentMain()).execute(args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    @Command(name = "region", description = "Runs one region's service, configured by environment variables or "
            + "--property=value arguments (REGENT_REGION, REGENT_DB_URL, REGENT_KAFKA_BOOTSTRAP_SERVERS, ...: see application.yml).")
    static final class RegionCommand implements Callable<Integer> {

        @CommandLine.Unmatched
        private String[] springArguments = new String[0];

        @Override
        public Integer call() {
            SpringApplication.run(RegionApplication.class, springArguments);
            return 0;
        }
    }
}
