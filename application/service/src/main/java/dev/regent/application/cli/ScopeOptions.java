package dev.regent.application.cli;

import picocli.CommandLine.Option;

import java.util.Map;

/** A freeze's scope on the command line: which events, by where, what, when and which release appended them. */
final class ScopeOptions {

    @Option(names = "--origin", paramLabel = "<region>", description = "Events appended in this region.")
    String origin;

    @Option(names = "--aggregate-type", paramLabel = "<type>", description = "Events of this aggregate type.")
    String aggregateType;

    @Option(names = "--event-type", paramLabel = "<type>", description = "Events of this type (simple name).")
    String eventType;

    @Option(names = "--since", paramLabel = "<instant>", description = "Appended at or after this instant "
            + "(ISO-8601, e.g. 2026-12-03T10:00:00Z).")
    String since;

    @Option(names = "--app-version", paramLabel = "<version>", description = "Appended by this version of the "
            + "service.")
    String applicationVersion;

    /** Whether any criterion but the time was given: a scope of nothing but a time selects nothing on its own. */
    boolean named() {
        return origin != null || aggregateType != null || eventType != null || applicationVersion != null;
    }

    /** The criteria given, as the region's API names them. */
    void putInto(Map<String, Object> request) {
        OperatorCommand.putIfGiven(request, "originRegion", origin);
        OperatorCommand.putIfGiven(request, "aggregateType", aggregateType);
        OperatorCommand.putIfGiven(request, "eventType", eventType);
        OperatorCommand.putIfGiven(request, "writtenSince", since);
        OperatorCommand.putIfGiven(request, "applicationVersion", applicationVersion);
    }
}
