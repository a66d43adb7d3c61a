package dev.regent.application.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * What every operator's command shares: the region to ask ({@code --url}), {@code --json}, and how failures are told
 * (on standard error, exit code 2): an unreachable region, or the region's problem answer (title and detail).
 */
abstract class OperatorCommand implements Callable<Integer> {

    static final int OK = 0;
    static final int DRIFT = 1;
    static final int FAILED = 2;

    @Spec
    CommandSpec spec;

    @Option(names = "--url", defaultValue = "http://localhost:8081", paramLabel = "<url>",
            description = "The region's base URL (default: ${DEFAULT-VALUE}, eu of `regent local`).")
    String url;

    @Option(names = "--json", description = "Print the region's JSON answer, pretty-printed, instead of tables.")
    boolean json;

    @Option(names = "--token", defaultValue = "${env:REGENT_TOKEN}", paramLabel = "<token>",
            description = "Bearer token from your identity provider (default: $REGENT_TOKEN, else the role's token "
                    + "`regent local` writes, e.g. $REGENT_TOKEN_OPERATE). Prefer the environment: a command line "
                    + "is visible to other users of the machine.")
    String token;

    /** The environment variable of `regent local`'s token for this command's role. */
    String roleTokenVariable() {
        return "REGENT_TOKEN_OPERATE";
    }

    /** @return the exit code */
    abstract int run(RegionApi region) throws InterruptedException;

    /** A problem answer this command has more to say about; by default its title and detail are printed. */
    int onProblem(RegionApi.Problem problem) {
        if (problem.status() == 401) {
            return failed(problem.title() + " (401): " + problem.detail() + ". Give a token with --token or "
                    + "REGENT_TOKEN (" + roleTokenVariable() + " from `regent local`)");
        }
        return failed(problem.title() + " (" + problem.status() + ")"
                + (problem.detail() == null ? "" : ": " + problem.detail()));
    }

    @Override
    public final Integer call() {
        try {
            return run(new RegionApi(url, token != null && !token.isBlank() ? token
                    : System.getenv(roleTokenVariable())));
        } catch (RegionApi.BadUrl badUrl) {
            return failed(badUrl.getMessage());
        } catch (RegionApi.Unreachable unreachable) {
            return failed(unreachable.getMessage());
        } catch (RegionApi.Problem problem) {
            return onProblem(problem);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed("interrupted");
        } finally {
            out().flush();
            err().flush();
        }
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Where progress goes: with the tables, or out of the way of {@code --json}'s answer. */
    PrintWriter progress() {
        return json ? err() : out();
    }

    void printJson(JsonNode answer) {
        out().println(RegionApi.pretty(answer));
    }

    int failed(String message) {
        err().println(message);
        return FAILED;
    }

    static void putIfGiven(Map<String, Object> request, String field, Object value) {
        if (value != null) {
            request.put(field, value);
        }
    }

    static String text(JsonNode node, String field) {
        return RegionApi.text(node, field, null);
    }
}
