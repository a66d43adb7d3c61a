package dev.regent.application.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/** {@code regent rebuild <view> --shadow | --diff | --swap | --discard}: a read model rebuilt beside the live one. */
final class ShadowActions {

    /** Which one, at most one at a time. */
    static final class Action {
        @Option(names = "--shadow", required = true, description = "Build the view beside the live one (follow it "
                + "with --wait, or --diff).")
        boolean start;

        @Option(names = "--diff", required = true, description = "Show the shadow's progress and, once built, the rows "
                + "a swap would add, change and remove (counts and some aggregate ids).")
        boolean diff;

        @Option(names = "--swap", required = true, description = "Swap the built shadow in, atomically, the view's "
                + "processor paused; what it applied meanwhile is applied again on the new rows.")
        boolean swap;

        @Option(names = "--discard", required = true, description = "Drop the shadow and its rows.")
        boolean discard;
    }

    private final RebuildCommand command;
    private final RegionApi region;
    private final String path;

    ShadowActions(RebuildCommand command, RegionApi region) {
        this.command = command;
        this.region = region;
        this.path = "/projections/" + RegionApi.encode(command.view) + "/shadow";
    }

    int run() throws InterruptedException {
        Action action = command.shadow;
        if (action == null || (command.asOf != null && !action.start)) {
            return command.failed("--as-of goes with --shadow");
        }
        if (action.start) {
            return start();
        }
        if (action.swap) {
            JsonNode swapped = region.post(path + "/swap", reasonBody(command.reason));
            JsonNode difference = swapped.path("difference");
            return print(swapped, String.format(Locale.ROOT, "Swapped the shadow of %s in: %d rows added, %d changed, "
                    + "%d removed", command.view, difference.path("added").asLong(),
                    difference.path("changed").asLong(), difference.path("removed").asLong()), OperatorCommand.OK);
        }
        if (action.discard) {
            region.delete(path);
            return print(null, "Discarded the shadow of " + command.view, OperatorCommand.OK);
        }
        JsonNode status = region.get(path);
        return print(status, describe(status), differs(status) ? OperatorCommand.DRIFT : OperatorCommand.OK);
    }

    private int start() throws InterruptedException {
        String query = command.asOf == null ? "" : "?asOf=" + RegionApi.encode(command.asOf.toString());
        JsonNode status = region.post(path + query, reasonBody(command.reason));
        command.progress().println("Building a shadow of " + command.view + (command.asOf == null ? ""
                : " as of " + command.asOf) + " in " + region.baseUrl() + (command.waitForRebuild ? ""
                : "; follow it with `regent rebuild " + command.view + " --diff`"));
        if (!command.waitForRebuild) {
            return command.json ? print(status, "", OperatorCommand.OK) : OperatorCommand.OK;
        }
        long started = System.nanoTime();
        String lastLine = null;
        while ("BUILDING".equals(OperatorCommand.text(status, "state"))) {
            if (System.nanoTime() - started > Duration.ofSeconds(command.timeoutSeconds).toNanos()) {
                return command.failed("The shadow of " + command.view + " is still building after "
                        + command.timeoutSeconds + " s; follow it with `regent rebuild " + command.view + " --diff`");
            }
            String line = RebuildCommand.progressLine(status);
            if (!line.equals(lastLine)) {
                command.progress().println(line);
                command.progress().flush();
                lastLine = line;
            }
            Thread.sleep(command.pollMillis);
            status = region.get(path);
        }
        if ("FAILED".equals(OperatorCommand.text(status, "state"))) {
            return command.failed("The shadow of " + command.view + ": " + OperatorCommand.text(status, "error"));
        }
        return print(status, describe(status), differs(status) ? OperatorCommand.DRIFT : OperatorCommand.OK);
    }

    private int print(JsonNode answer, String text, int exitCode) {
        if (command.json && answer != null) {
            command.printJson(answer);
        } else if (!text.isEmpty()) {
            command.out().println(text);
        }
        return exitCode;
    }

    private static boolean differs(JsonNode status) {
        JsonNode difference = status.get("difference");
        return difference != null && !difference.isNull() && (difference.path("added").asLong() > 0
                || difference.path("changed").asLong() > 0 || difference.path("removed").asLong() > 0);
    }

    static String describe(JsonNode status) {
        String asOf = OperatorCommand.text(status, "asOf");
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "Shadow of %s%s: %s, %d events read (%.0f events/s)", OperatorCommand.text(status, "view"),
                asOf == null ? "" : " as of " + asOf, OperatorCommand.text(status, "state"),
                status.path("eventsRead").asLong(), status.path("eventsPerSecond").asDouble()));
        if (status.path("skippedAfterAsOf").asLong() > 0) {
            text.append(", ").append(status.path("skippedAfterAsOf").asLong()).append(" after the instant");
        }
        if (status.path("failedEvents").asLong() > 0) {
            text.append(", ").append(status.path("failedEvents").asLong()).append(" refused by the projection");
        }
        JsonNode difference = status.get("difference");
        if (difference == null || difference.isNull()) {
            return text.append(String.format(Locale.ROOT, "; %.1f%%", status.path("percent").asDouble())).toString();
        }
        text.append(System.lineSeparator()).append(String.format(Locale.ROOT,
                "A swap would add %d rows, change %d, remove %d", difference.path("added").asLong(),
                difference.path("changed").asLong(), difference.path("removed").asLong()));
        for (String kind : new String[]{"added", "changed", "removed"}) {
            JsonNode sample = difference.path(kind + "Sample");
            if (!sample.isEmpty()) {
                text.append(System.lineSeparator()).append(String.format(Locale.ROOT, "  %-8s %s%s", kind + ":",
                        StreamSupport.stream(sample.spliterator(), false).map(JsonNode::asText)
                                .collect(Collectors.joining(", ")),
                        difference.path(kind).asLong() > sample.size() ? ", …" : ""));
            }
        }
        return text.toString();
    }

    private static Map<String, String> reasonBody(String reason) {
        return reason == null ? Map.of() : Map.of("reason", reason);
    }
}
