package dev.regent.application.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Map;

/** {@code regent dead-letters}: the events a region's read models parked, and the two ways out (retry, skip). */
@Command(name = "dead-letters", mixinStandardHelpOptions = true,
        description = {"Lists the events a region's read models could not apply (poison: unknown type, unreadable "
                + "payload, newer revision, failing handler), each with its reason; later events of the same aggregate "
                + "wait behind it. --retry hands a view's parked events to it again (after an upgrade); --skip gives "
                + "up the event an aggregate is stuck on, so that the ones behind it apply.",
                "Exit codes: 0 nothing parked (after a retry or skip: nothing left); 1 events parked; "
                        + "2 not done (unknown view or letter, skip of an event waiting behind another, region "
                        + "unreachable)."})
public final class DeadLettersCommand extends OperatorCommand {

    @Option(names = "--view", paramLabel = "<view>", description = "Only this read model (required by --retry and "
            + "--skip).")
    String view;

    @Option(names = "--retry", description = "Apply the view's parked events again, in order.")
    boolean retry;

    @Option(names = "--skip", paramLabel = "<letterId>", description = "Skip this parked event (the first of its "
            + "aggregate).")
    String skip;

    @Option(names = "--reason", paramLabel = "<text>", description = "Why; kept with your name in the region's "
            + "record of operator actions (required by --skip).")
    String reason;

    @Override
    int run(RegionApi region) {
        if ((retry || skip != null) && view == null) {
            return failed("--retry and --skip need --view <view>");
        }
        if (skip != null && (reason == null || reason.isBlank())) {
            return failed("--skip needs --reason <text>: giving an event up is recorded with its reason");
        }
        if (retry || skip != null) {
            JsonNode outcome = region.post("/dead-letters/" + RegionApi.encode(view) + (retry ? "/retry"
                    : "/" + RegionApi.encode(skip) + "/skip"), reason == null ? Map.of() : Map.of("reason", reason));
            if (json) {
                printJson(outcome);
            } else {
                Table table = new Table("VIEW", "AGGREGATES TRIED", "CLEARED", "STILL PARKED");
                table.row(text(outcome, "view"), text(outcome, "aggregatesTried"), text(outcome, "aggregatesCleared"),
                        text(outcome, "stillParked"));
                table.print(out(), "");
            }
            return outcome.path("stillParked").asLong() == 0 ? OK : DRIFT;
        }
        JsonNode parked = region.get("/dead-letters" + (view == null ? "" : "?view=" + RegionApi.encode(view)));
        if (json) {
            printJson(parked);
        } else {
            Table table = new Table("VIEW", "AGGREGATE", "SEQUENCE", "POSITION", "REASON", "EVENT TYPE", "REVISION",
                    "LETTER", "DETAIL");
            parked.forEach(letter -> table.row(text(letter, "view"), text(letter, "aggregateId"),
                    text(letter, "sequenceNumber"), text(letter, "position"), text(letter, "reason"),
                    simpleName(text(letter, "payloadType")), text(letter, "payloadRevision"),
                    text(letter, "letterId"), text(letter, "detail")));
            table.print(out(), "Nothing parked in " + region.baseUrl());
        }
        return parked.isEmpty() ? OK : DRIFT;
    }

    private static String simpleName(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }
}
