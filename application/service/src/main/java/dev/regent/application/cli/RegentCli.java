package dev.regent.application.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The operators' commands against a running region ({@code audit}, {@code reconcile}, {@code rebuild},
 * {@code projections}, {@code transfer}, {@code dead-letters}); a service's own main adds its commands to them
 * ({@code region}, and {@code local} where the lab is on the classpath).
 */
@Command(name = "regent", mixinStandardHelpOptions = true, version = "Regent 0.1.0",
        description = "Region-owned event sourcing on Axon Framework.",
        subcommands = {AuditCommand.class, ReconcileCommand.class, RebuildCommand.class, ProjectionsCommand.class,
                TransferCommand.class, DeadLettersCommand.class, FreezeCommand.class, VoidCommand.class})
public final class RegentCli implements Runnable {

    private RegentCli() {
    }

    public static CommandLine commandLine() {
        return new CommandLine(new RegentCli());
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
