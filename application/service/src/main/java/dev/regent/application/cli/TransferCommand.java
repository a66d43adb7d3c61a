package dev.regent.application.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Map;

/** {@code regent transfer <aggregateId> --to <region>}: moves ownership of an aggregate, fenced by a new epoch. */
@Command(name = "transfer", mixinStandardHelpOptions = true,
        description = {"Moves ownership of one aggregate to another region under the next epoch. Planned: the owner "
                + "releases it and hands its stream over. With --force the owner is given up for lost: the new owner "
                + "takes over from what was replicated to it, and the former owner's later writes are fenced and "
                + "reported there.",
                "Exit codes: 0 transferred; 2 not (refused, owner unreachable without --force, region unreachable)."})
public final class TransferCommand extends OperatorCommand {

    @Parameters(index = "0", paramLabel = "<aggregateId>")
    String aggregateId;

    @Option(names = "--to", required = true, paramLabel = "<region>", description = "The new owner region.")
    String toRegion;

    @Option(names = "--reason", required = true, paramLabel = "<text>", description = "Why; kept in the history.")
    String reason;

    @Option(names = "--force", description = "Give the owner up for lost and take over from what was replicated.")
    boolean force;

    @Override
    int run(RegionApi region) {
        JsonNode outcome = region.post("/ownership/" + RegionApi.encode(aggregateId) + "/transfer",
                Map.of("toRegion", toRegion, "reason", reason, "force", force));
        if (json) {
            printJson(outcome);
            return OK;
        }
        Table table = new Table("AGGREGATE", "TYPE", "FROM", "TO", "EPOCH", "FROM SEQUENCE", "EVENTS COPIED", "MODE");
        table.row(text(outcome, "aggregateId"), text(outcome, "aggregateType"), text(outcome, "fromRegion"),
                text(outcome, "toRegion"), text(outcome, "epoch"), text(outcome, "fromSequence"),
                text(outcome, "eventsCopied"), text(outcome, "mode"));
        table.print(out(), "");
        return OK;
    }
}
