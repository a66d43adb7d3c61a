package dev.regent.application.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.regent.projections.reconciliation.DriftClass;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;

/** {@code regent reconcile}: compares a region's replicas with their owners, repairs them, reports the drift. */
@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = {"Runs reconciliation in one region: its own views of the aggregates it owns are checked "
                + "against its event store, then its replicas of every other region's aggregates are compared with "
                + "their owners' digests; drifted rows are repaired (own views rebuilt from the store, replicas "
                + "forgotten and published again by their owners) unless --no-repair.",
                "Exit codes: 0 no drift; 1 drift found; 2 the run failed or could not compare with every owner, or "
                        + "the region is unreachable."})
public final class ReconcileCommand extends OperatorCommand {

    @Option(names = "--repair", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Repair drifted replicas (default); --no-repair only reports them.")
    boolean repair;

    @Option(names = "--reason", paramLabel = "<text>", description = "Why; kept with your name in the region's "
            + "record of operator actions.")
    String reason;

    @Option(names = "--wait", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Follow the run until it ends and report it (default); --no-wait only starts it.")
    boolean waitForRun;

    @Option(names = "--poll-interval", defaultValue = "1000", paramLabel = "<ms>",
            description = "How often to ask how the run goes (default: ${DEFAULT-VALUE} ms).")
    long pollMillis;

    @Option(names = "--timeout", defaultValue = "600", paramLabel = "<seconds>",
            description = "Give up waiting after this long (default: ${DEFAULT-VALUE} s); the run goes on.")
    long timeoutSeconds;

    @Override
    int run(RegionApi region) throws InterruptedException {
        JsonNode run = region.post("/reconciliation/runs", reason == null ? Map.of("repair", repair)
                : Map.of("repair", repair, "reason", reason));
        String runId = text(run, "runId");
        if (run.path("repair").asBoolean(repair) != repair) {
            progress().println("A run started earlier is still going (repair "
                    + onOff(run.path("repair").asBoolean()) + "): following that one.");
        }
        if (!waitForRun) {
            if (json) {
                printJson(run);
            } else {
                out().println("Reconciliation run " + runId + " started (repair " + onOff(run.path("repair")
                        .asBoolean()) + "); follow it at " + region.baseUrl() + "/reconciliation/runs/" + runId);
            }
            return OK;
        }
        run = follow(region, run);
        if (run == null) {
            return failed("run " + runId + " is still RUNNING after " + timeoutSeconds + " s; follow it at "
                    + region.baseUrl() + "/reconciliation/runs/" + runId);
        }
        if (json) {
            printJson(run);
        } else {
            print(run, out());
        }
        int exitCode = exitCode(run);
        if (exitCode == FAILED) {
            failed("run " + runId + " " + text(run, "status") + " with " + run.path("errors").size() + " error(s)");
        }
        return exitCode;
    }

    /** @return the finished run, or null when it is still running at the timeout */
    private JsonNode follow(RegionApi region, JsonNode started) throws InterruptedException {
        PrintWriter progress = progress();
        progress.print("Run " + text(started, "runId") + " RUNNING ");
        progress.flush();
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        JsonNode run = started;
        while ("RUNNING".equals(text(run, "status"))) {
            if (System.nanoTime() - deadline > 0) {
                progress.println();
                return null;
            }
            Thread.sleep(pollMillis);
            progress.print('.');
            progress.flush();
            run = region.get("/reconciliation/runs/" + RegionApi.encode(text(started, "runId")));
        }
        progress.println(" " + text(run, "status"));
        return run;
    }

    /** Errors first: a run that could not compare everything cannot say there is no drift. */
    static int exitCode(JsonNode run) {
        if ("FAILED".equals(text(run, "status")) || !run.path("errors").isEmpty()) {
            return FAILED;
        }
        return run.path("drifts").isEmpty() ? OK : DRIFT;
    }

    private static void print(JsonNode run, PrintWriter out) {
        out.println("Reconciliation run " + text(run, "runId") + ": " + text(run, "status") + " (repair "
                + onOff(run.path("repair").asBoolean()) + ", triggered by " + text(run, "trigger") + ")");
        out.println("Started " + text(run, "startedAt") + ", finished " + text(run, "finishedAt"));

        out.println();
        Table summary = new Table("SUMMARY", "COUNT")
                .row("buckets compared", text(run, "bucketsCompared"))
                .row("buckets differing", text(run, "bucketsDiffering"));
        for (DriftClass driftClass : DriftClass.values()) {
            summary.row(driftClass.name(), run.path("driftCounts").path(driftClass.name()).asLong());
        }
        summary.row("incidents", run.path("incidents").size())
                .row("errors", run.path("errors").size())
                .row("events republished", run.path("repair").asBoolean() ? text(run, "resyncedEvents") : null)
                .print(out);

        if (!run.path("incidents").isEmpty()) {
            out.println();
            out.println("Incidents: workflows depending on these aggregate types wait for a run that finds them "
                    + "reconciled");
            Table incidents = new Table("AGGREGATE TYPE", "DRIFTED", "THRESHOLD");
            run.path("incidents").forEach(incident -> incidents.row(text(incident, "aggregateType"),
                    text(incident, "drifted"), text(incident, "threshold")));
            incidents.print(out);
        }
        if (!run.path("errors").isEmpty()) {
            out.println();
            out.println("Errors");
            run.path("errors").forEach(error -> out.println("- " + error.asText()));
        }

        out.println();
        // COPY: a replica (against its owner) or the owner's own view (against its event store, whose sequence is
        // then the OWNER SEQ).
        Table drifts = new Table("VIEW", "AGGREGATE", "OWNER", "COPY", "DRIFT", "OWNER SEQ", "COPY SEQ");
        run.path("drifts").forEach(drift -> drifts.row(text(drift, "view"), text(drift, "aggregateId"),
                text(drift, "ownerRegion"), "OWNER".equals(drift.path("side").asText()) ? "owner view" : "replica",
                text(drift, "driftClass"), sequence(drift, "ownerSequence"), sequence(drift, "replicaSequence")));
        drifts.print(out, "No drift: every replica compared matches its owner, every own view its event store.");
    }

    /** -1: that side has nothing. */
    private static String sequence(JsonNode drift, String field) {
        long sequence = drift.path(field).asLong(-1);
        return sequence < 0 ? null : Long.toString(sequence);
    }

    private static String onOff(boolean on) {
        return on ? "on" : "off";
    }
}
