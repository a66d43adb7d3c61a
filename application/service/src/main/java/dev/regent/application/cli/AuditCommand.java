package dev.regent.application.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@code regent audit <type> <id>}: an aggregate's state, event trail and ownership at an instant or sequence. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Replays one aggregate's history on its owner region: its state at an instant or sequence, "
                + "every event with its origin, owner epoch and the region that accepted it, and who owned it when.",
                "Exit codes: 0 audited; 2 not (another region owns it, unknown aggregate, region unreachable)."})
public final class AuditCommand extends OperatorCommand {

    @Parameters(index = "0", paramLabel = "<aggregateType>", description = "CustomerIdentity, Policy or Claim.")
    String aggregateType;

    @Parameters(index = "1", paramLabel = "<aggregateId>")
    String aggregateId;

    @ArgGroup(exclusive = true)
    Point point = new Point();

    /** One point in the history, named one way (the region refuses both). */
    static final class Point {

        @Option(names = "--as-of", paramLabel = "<instant>",
                description = "The state at this instant, e.g. 2026-11-23T10:15:30Z (default: now).")
        Instant asOf;

        @Option(names = "--at-sequence", paramLabel = "<n>",
                description = "The state after this event (0 is the aggregate's first).")
        Long atSequence;
    }

    @Override
    int run(RegionApi region) {
        List<String> query = new ArrayList<>();
        if (point.asOf != null) {
            query.add("asOf=" + RegionApi.encode(point.asOf.toString()));
        }
        if (point.atSequence != null) {
            query.add("atSequence=" + point.atSequence);
        }
        JsonNode report = region.get("/audit/" + RegionApi.encode(aggregateType) + "/" + RegionApi.encode(aggregateId)
                + (query.isEmpty() ? "" : "?" + String.join("&", query)));
        if (json) {
            printJson(report);
        } else {
            print(report, out());
        }
        return OK;
    }

    /** Only the owner holds the whole history: say which region that is. */
    @Override
    int onProblem(RegionApi.Problem problem) {
        String owner = problem.property("ownerRegion");
        if (problem.status() != 409 || owner == null) {
            return super.onProblem(problem);
        }
        String here = problem.property("region");
        return failed("audits run on the owner region: " + owner + " (" + url + " is "
                + (here == null ? "another region" : here) + "); run again with --url=<" + owner + "'s base URL>");
    }

    private static void print(JsonNode report, PrintWriter out) {
        out.println("Aggregate: " + text(report, "aggregateType") + " " + text(report, "aggregateId"));
        out.println("Version:   " + report.path("version").asLong());
        out.println("As of:     " + (report.hasNonNull("asOf") ? text(report, "asOf") : "now")
                + (report.hasNonNull("atSequence") ? ", at sequence " + text(report, "atSequence") : ""));

        out.println();
        out.println("Events");
        Table events = new Table("SEQ", "TIME", "TYPE", "ORIGIN", "EPOCH", "ACCEPTED IN");
        report.path("events").forEach(event -> events.row(text(event, "sequence"), text(event, "timestamp"),
                text(event, "type"), text(event, "originRegion"), text(event, "epoch"), text(event, "acceptedRegion")));
        events.print(out, "(no events up to that point)");

        out.println();
        out.println("State");
        JsonNode state = report.path("state");
        if (state.isObject()) {
            state.fields().forEachRemaining(field -> out.println(field.getKey() + ": "
                    + (field.getValue().isValueNode() ? field.getValue().asText() : field.getValue().toString())));
        } else if (state.isMissingNode() || state.isNull()) {
            out.println(report.path("version").asLong() == 0 ? "(none: no events up to that point)"
                    : "(no read model follows " + text(report, "aggregateType") + ")");
        } else {
            out.println(state.asText());
        }

        out.println();
        out.println("Ownership");
        Table ownership = new Table("EPOCH", "OWNER", "RULE", "KIND", "REASON", "AT");
        report.path("ownership").forEach(change -> ownership.row(text(change, "epoch"), text(change, "owner"),
                text(change, "rule"), text(change, "kind"), text(change, "reason"), text(change, "at")));
        ownership.print(out, "(no ownership recorded up to that point)");
    }

    @Override
    String roleTokenVariable() {
        return "REGENT_TOKEN_AUDIT";
    }
}
