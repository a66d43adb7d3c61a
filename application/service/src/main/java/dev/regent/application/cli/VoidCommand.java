package dev.regent.application.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code regent void}: strike events from their owner's history with a correction, or list the voids. */
@Command(name = "void", mixinStandardHelpOptions = true,
        description = {"Voids events, on the region that owns them: each aggregate gets a correction event, and from "
                + "then on loading it, every read model (in every region), rebuilds and reconciliation skip what it "
                + "voids; the audit shows them struck with your name and reason. Name the events one way: --event "
                + "(repeatable), --freeze (what a freeze selects) or a scope. Without any: lists this region's voids.",
                "Exit codes: 0 done; 2 not done (bad selection, unknown event or freeze, region unreachable)."})
public final class VoidCommand extends OperatorCommand {

    @Option(names = "--event", paramLabel = "<eventId>", description = "An event to void (repeatable).")
    List<String> eventIds;

    @Option(names = "--freeze", paramLabel = "<freezeId>", description = "Void what this freeze selects.")
    String freezeId;

    @Mixin
    ScopeOptions scope = new ScopeOptions();

    @Option(names = "--reason", paramLabel = "<text>", description = "Why; the audit shows it with your name "
            + "(required to void).")
    String reason;

    @Override
    int run(RegionApi region) {
        Map<String, Object> request = new LinkedHashMap<>();
        putIfGiven(request, "eventIds", eventIds);
        putIfGiven(request, "freezeId", freezeId);
        scope.putInto(request);
        if (request.isEmpty()) {
            JsonNode voids = region.get("/containment/voids");
            print(voids);
            return OK;
        }
        if (reason == null || reason.isBlank()) {
            return failed("a void needs --reason <text>: the audit shows it with your name");
        }
        request.put("reason", reason);
        print(region.post("/containment/voids", request));
        return OK;
    }

    private void print(JsonNode voids) {
        if (json) {
            printJson(voids);
            return;
        }
        Table table = new Table("VOID", "EVENTS", "AGGREGATES", "BY", "AT", "REASON");
        for (JsonNode done : voids.isArray() ? voids : List.of(voids)) {
            table.row(text(done, "voidId"), text(done, "events"), text(done, "aggregates"), text(done, "voidedBy"),
                    text(done, "voidedAt"), text(done, "reason"));
        }
        table.print(out(), "No voids");
    }
}
