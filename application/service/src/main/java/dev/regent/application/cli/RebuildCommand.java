package dev.regent.application.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * {@code regent rebuild <view>}: rebuilds one read model of a region from the logs, and follows it; with
 * {@code --shadow}, beside the live one (see {@link ShadowActions}).
 */
@Command(name = "rebuild", mixinStandardHelpOptions = true,
        description = {"Rebuilds one read model of a region from its event store and the mirrored topics; until it is "
                + "done, reads of rows not rebuilt yet answer 503 (retry).",
                "With --shadow, builds it beside the live view instead (optionally --as-of an instant), then "
                        + "--diff shows what swapping it in would change, --swap swaps it in atomically, "
                        + "--discard drops it.",
                "Exit codes: 0 started (rebuilt, with --wait; no difference, with --diff); 1 --diff found rows "
                        + "that differ; 2 not (unknown view, already rebuilding, a shadow refused, failed, region "
                        + "unreachable)."})
public final class RebuildCommand extends OperatorCommand {

    /** A rebuild whose processor has not claimed its segments yet reads as not rebuilding, at position 0. */
    private static final Duration STARTING = Duration.ofSeconds(5);

    @Parameters(index = "0", paramLabel = "<view>", description = "The read model: customers, policies or claims.")
    String view;

    @Option(names = "--reason", paramLabel = "<text>", description = "Why; kept with your name in the region's "
            + "record of operator actions.")
    String reason;

    @ArgGroup(exclusive = true)
    ShadowActions.Action shadow;

    @Option(names = "--as-of", paramLabel = "<instant>", description = "With --shadow: apply only the events stamped "
            + "at or before this instant (ISO-8601, e.g. 2026-11-23T10:15:30Z); such a shadow cannot be swapped in.")
    Instant asOf;

    @Option(names = "--wait", description = "Follow the rebuild until it is done, printing its progress.")
    boolean waitForRebuild;

    @Option(names = "--poll-interval", defaultValue = "1000", paramLabel = "<ms>",
            description = "How often to ask how the rebuild goes (default: ${DEFAULT-VALUE} ms).")
    long pollMillis;

    @Option(names = "--timeout", defaultValue = "3600", paramLabel = "<seconds>",
            description = "Give up waiting after this long (default: ${DEFAULT-VALUE} s); the rebuild goes on.")
    long timeoutSeconds;

    @Override
    int run(RegionApi region) throws InterruptedException {
        if (shadow != null || asOf != null) {
            return new ShadowActions(this, region).run();
        }
        String path = "/projections/" + RegionApi.encode(view);
        JsonNode status = region.post(path + "/rebuild", reason == null ? Map.of() : Map.of("reason", reason));
        progress().println("Rebuilding " + view + " in " + region.baseUrl() + (waitForRebuild ? ""
                : "; follow it with `regent projections` or GET " + region.baseUrl() + path));
        if (waitForRebuild) {
            long started = System.nanoTime();
            String lastLine = null;
            while (!done(status, Duration.ofNanos(System.nanoTime() - started))) {
                if (System.nanoTime() - started > Duration.ofSeconds(timeoutSeconds).toNanos()) {
                    return failed(view + " is still rebuilding after " + timeoutSeconds + " s; follow it with GET "
                            + region.baseUrl() + path);
                }
                String line = progressLine(status);
                if (!line.equals(lastLine)) {
                    progress().println(line);
                    progress().flush();
                    lastLine = line;
                }
                Thread.sleep(pollMillis);
                status = region.get(path);
            }
        }
        if (json) {
            printJson(status);
        } else if (waitForRebuild) {
            out().println("Rebuilt " + view + ": " + status.path("position").asLong() + " events");
        }
        if (status.hasNonNull("error")) {
            return failed(view + ": " + text(status, "error"));
        }
        return OK;
    }

    private static boolean done(JsonNode status, Duration waited) {
        if (status.path("rebuilding").asBoolean()) {
            return false;
        }
        return status.path("position").asLong() > 0 || waited.compareTo(STARTING) > 0;
    }

    static String progressLine(JsonNode status) {
        return String.format(Locale.ROOT, "%s: %5.1f%%  %d/%d events  %.0f events/s%s", text(status, "view"),
                status.path("percent").asDouble(), status.path("position").asLong(), status.path("target").asLong(),
                status.path("eventsPerSecond").asDouble(),
                status.hasNonNull("error") ? "  error: " + text(status, "error") : "");
    }
}
