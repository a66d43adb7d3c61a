package dev.regent.application.cli;

/** What a region's API answers, as Spring writes it (ISO instants, null fields left out). */
final class RegionAnswersFixture {

    static final String CUSTOMER = "6fa7c1e2-0b1d-4c55-9a0e-3f6f1b2a9d10";
    static final String RUN = "3f2a9c4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b";

    private RegionAnswersFixture() {
    }

    static String audit() {
        return """
                {"aggregateId":"%1$s","aggregateType":"CustomerIdentity","asOf":"2026-11-23T10:15:30Z",
                 "version":2,
                 "state":{"customerId":"%1$s","domicile":"FR","email":"amelie1@example.fr","name":"Amélie Poulain",
                          "phone":"+33 1 00 00 00 01"},
                 "events":[
                   {"sequence":0,"type":"CustomerRegisteredEvent","timestamp":"2026-11-23T10:00:00Z",
                    "originRegion":"eu","epoch":1,"acceptedRegion":"apac","payload":{"name":"Amélie Poulain"}},
                   {"sequence":1,"type":"CustomerContactChangedEvent","timestamp":"2026-11-23T10:05:00.250Z",
                    "originRegion":"eu","epoch":1,"acceptedRegion":"us","payload":{"email":"amelie1@example.fr"}}],
                 "ownership":[{"aggregateId":"%1$s","epoch":1,"owner":"eu","rule":"HOME(domicile)","kind":"ASSIGNED",
                               "reason":"domicile FR","at":"2026-11-23T10:00:00Z"}]}
                """.formatted(CUSTOMER);
    }

    /** What {@code ProblemDetailsAdvice} answers for an audit outside the owner region. */
    static String notTheOwner() {
        return """
                {"type":"about:blank","title":"Not the owner","status":409,
                 "detail":"Region us refuses to write aggregate %1$s: audits run on the owner region, which holds the whole history",
                 "instance":"/audit/CustomerIdentity/%1$s","region":"us","ownerRegion":"eu"}
                """.formatted(CUSTOMER);
    }

    static String notFound(String what) {
        return """
                {"type":"about:blank","title":"Not found","status":404,"detail":"%s is not known in region eu",
                 "region":"eu"}
                """.formatted(what);
    }

    static String running(boolean repair) {
        return """
                {"runId":"%s","status":"RUNNING","trigger":"api","repair":%s,"startedAt":"2026-11-23T11:00:00Z",
                 "bucketsCompared":0,"bucketsDiffering":0,"driftCounts":{},"drifts":[],"resyncedEvents":0,
                 "incidents":[],"errors":[]}
                """.formatted(RUN, repair);
    }

    static String clean() {
        return """
                {"runId":"%s","status":"COMPLETED","trigger":"api","repair":true,"startedAt":"2026-11-23T11:00:00Z",
                 "finishedAt":"2026-11-23T11:00:02Z","bucketsCompared":1536,"bucketsDiffering":0,"driftCounts":{},
                 "drifts":[],"resyncedEvents":0,"incidents":[],"errors":[]}
                """.formatted(RUN);
    }

    static String drifted(boolean repair) {
        return """
                {"runId":"%s","status":"COMPLETED","trigger":"api","repair":%s,"startedAt":"2026-11-23T11:00:00Z",
                 "finishedAt":"2026-11-23T11:00:03Z","bucketsCompared":1536,"bucketsDiffering":2,
                 "driftCounts":{"MISSING":1,"DIVERGED":2},
                 "drifts":[{"view":"customers","aggregateId":"c-1","ownerRegion":"eu","driftClass":"MISSING",
                            "ownerSequence":2,"replicaSequence":-1,"side":"REPLICA"},
                           {"view":"policies","aggregateId":"p-7","ownerRegion":"apac","driftClass":"DIVERGED",
                            "ownerSequence":0,"replicaSequence":0},
                           {"view":"claims","aggregateId":"k-3","ownerRegion":"us","driftClass":"DIVERGED",
                            "ownerSequence":1,"replicaSequence":1,"side":"OWNER"}],
                 "resyncedEvents":%d,"incidents":[{"aggregateType":"CustomerIdentity","drifted":1,"threshold":0}],
                 "errors":[]}
                """.formatted(RUN, repair, repair ? 4 : 0);
    }

    static String completedWithErrors() {
        return """
                {"runId":"%s","status":"COMPLETED_WITH_ERRORS","trigger":"api","repair":true,
                 "startedAt":"2026-11-23T11:00:00Z","finishedAt":"2026-11-23T11:00:05Z","bucketsCompared":1024,
                 "bucketsDiffering":0,"driftCounts":{},"drifts":[],"resyncedEvents":0,"incidents":[],
                 "errors":["customers with apac: I/O error on GET request for \\"http://apac:8083/internal/reconciliation\\""]}
                """.formatted(RUN);
    }

    static String failed() {
        return """
                {"runId":"%s","status":"FAILED","trigger":"api","repair":true,"startedAt":"2026-11-23T11:00:00Z",
                 "finishedAt":"2026-11-23T11:00:01Z","bucketsCompared":0,"bucketsDiffering":0,"driftCounts":{},
                 "drifts":[],"resyncedEvents":0,"incidents":[],
                 "errors":["org.springframework.dao.DataAccessResourceFailureException: connection lost"]}
                """.formatted(RUN);
    }

    static String rebuild(boolean rebuilding, long position, long target, double percent, double eventsPerSecond) {
        return """
                {"view":"customers","rebuilding":%s,"position":%d,"target":%d,"percent":%s,"eventsPerSecond":%s,
                 "startedAt":"2026-11-23T12:00:00Z"}
                """.formatted(rebuilding, position, target, percent, eventsPerSecond);
    }

    static String alreadyRebuilding() {
        return """
                {"type":"about:blank","title":"Not allowed now","status":409,
                 "detail":"The customers view is already rebuilding","region":"eu"}
                """;
    }

    static String projections() {
        return """
                [{"view":"customers","rebuilding":true,"position":4500,"target":10000,"percent":45.0,
                  "eventsPerSecond":1500.4,"startedAt":"2026-11-23T12:00:00Z"},
                 {"view":"policies","rebuilding":false,"position":2300,"target":2300,"percent":100.0,
                  "eventsPerSecond":0.0},
                 {"view":"claims","rebuilding":false,"position":12,"target":12,"percent":100.0,"eventsPerSecond":0.0,
                  "error":"java.io.IOException: disk full"}]
                """;
    }
}
