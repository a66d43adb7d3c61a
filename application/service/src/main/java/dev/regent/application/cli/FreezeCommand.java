package dev.regent.application.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code regent freeze}: hold a suspect scope's events at egress everywhere, list the freezes, thaw one. */
@Command(name = "freeze", mixinStandardHelpOptions = true,
        description = {"Declares a freeze: every region learns it, and the owner's egress holds the events it selects "
                + "(not published, not lost) until it is thawed. Without a scope option: lists the freezes this "
                + "region knows, with how many events it holds under each. --thaw lifts one: what it held is "
                + "published.",
                "Exit codes: 0 done (listing: no freeze active); 1 freezes active; 2 not done (bad scope, unknown "
                        + "freeze, region unreachable)."})
public final class FreezeCommand extends OperatorCommand {

    @Mixin
    ScopeOptions scope = new ScopeOptions();

    @Option(names = "--refuse-writes", description = "Also refuse, at the owner, commands to aggregates of "
            + "--aggregate-type while the freeze holds (423).")
    boolean refuseWrites;

    @Option(names = "--thaw", paramLabel = "<freezeId>", description = "Lift this freeze.")
    String thaw;

    @Option(names = "--reason", paramLabel = "<text>", description = "Why; kept with your name (required to "
            + "freeze).")
    String reason;

    @Override
    int run(RegionApi region) {
        if (thaw != null) {
            JsonNode thawed = region.post("/containment/freezes/" + RegionApi.encode(thaw) + "/thaw",
                    reason == null ? Map.of() : Map.of("reason", reason));
            print(thawed);
            return OK;
        }
        if (scope.named()) {
            if (reason == null || reason.isBlank()) {
                return failed("a freeze needs --reason <text>: it is shown in every region with your name");
            }
            Map<String, Object> request = new LinkedHashMap<>();
            scope.putInto(request);
            if (refuseWrites) {
                request.put("refuseWrites", true);
            }
            request.put("reason", reason);
            print(region.post("/containment/freezes", request));
            return OK;
        }
        JsonNode freezes = region.get("/containment/freezes");
        print(freezes);
        boolean anyActive = false;
        for (JsonNode freeze : freezes) {
            anyActive |= freeze.path("active").asBoolean();
        }
        return anyActive ? DRIFT : OK;
    }

    private void print(JsonNode freezes) {
        if (json) {
            printJson(freezes);
            return;
        }
        Table table = new Table("FREEZE", "ACTIVE", "SCOPE", "HELD HERE", "BY", "IN", "REASON", "THAWED BY");
        for (JsonNode freeze : freezes.isArray() ? freezes : List.of(freezes)) {
            table.row(text(freeze, "id"), text(freeze, "active"), text(freeze, "describedScope"),
                    text(freeze, "heldHere"), text(freeze, "frozenBy"), text(freeze, "issuedIn"),
                    text(freeze, "reason"), text(freeze, "thawedBy"));
        }
        table.print(out(), "No freezes");
    }
}
