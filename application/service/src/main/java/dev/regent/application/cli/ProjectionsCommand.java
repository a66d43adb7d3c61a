package dev.regent.application.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

import java.util.Locale;

/** {@code regent projections}: the state of a region's read models. */
@Command(name = "projections", mixinStandardHelpOptions = true,
        description = {"Shows a region's read models: live or rebuilding, position, progress and errors.",
                "Exit codes: 0 shown; 2 not (region unreachable)."})
public final class ProjectionsCommand extends OperatorCommand {

    @Override
    int run(RegionApi region) {
        JsonNode views = region.get("/projections");
        if (json) {
            printJson(views);
            return OK;
        }
        Table table = new Table("VIEW", "STATE", "POSITION", "TARGET", "PERCENT", "EVENTS/S", "STARTED", "ERROR");
        views.forEach(view -> table.row(text(view, "view"),
                view.hasNonNull("error") ? "failing" : view.path("rebuilding").asBoolean() ? "rebuilding" : "live",
                text(view, "position"), text(view, "target"),
                String.format(Locale.ROOT, "%.1f%%", view.path("percent").asDouble()),
                String.format(Locale.ROOT, "%.0f", view.path("eventsPerSecond").asDouble()),
                text(view, "startedAt"), text(view, "error")));
        table.print(out(), "No read models in " + region.baseUrl());
        return OK;
    }
}
