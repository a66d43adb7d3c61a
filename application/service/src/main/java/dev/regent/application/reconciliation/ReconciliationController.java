package dev.regent.application.reconciliation;

import dev.regent.application.web.NotFoundException;
import dev.regent.domain.ownership.Region;
import dev.regent.projections.reconciliation.Incident;
import dev.regent.projections.reconciliation.ReconciliationReport;
import org.springframework.http.ResponseEntity;
import dev.regent.application.audit.OperatorActions;
import java.security.Principal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

@RestController
class ReconciliationController {

    /** {@code repair}: forget drifted replica rows and have their owners publish them again (default true). */
    record StartRun(Boolean repair, String reason) {
    }

    record Status(List<Incident> incidents, List<ReconciliationReport> latestRuns) {
    }

    private final ReconciliationService reconciliation;
    private final Region localRegion;
    private final OperatorActions operatorActions;

    ReconciliationController(ReconciliationService reconciliation, Region localRegion,
                             OperatorActions operatorActions) {
        this.reconciliation = reconciliation;
        this.localRegion = localRegion;
        this.operatorActions = operatorActions;
    }

    /** 202: the run goes on in the background; follow it at the Location. */
    @PostMapping("/reconciliation/runs")
    ResponseEntity<ReconciliationReport> start(@RequestBody(required = false) StartRun request, Principal operator) {
        boolean repair = request == null || request.repair() == null || request.repair();
        ReconciliationReport run = operatorActions.run(operator, repair ? "reconcile-and-repair" : "reconcile",
                localRegion.name(), request == null ? null : request.reason(),
                () -> reconciliation.start("api:" + OperatorActions.nameOf(operator), repair),
                started -> "run " + started.runId());
        return ResponseEntity.accepted().location(URI.create("/reconciliation/runs/" + run.runId())).body(run);
    }

    @GetMapping("/reconciliation/runs/{runId}")
    ReconciliationReport run(@PathVariable String runId) {
        return reconciliation.find(runId)
                .orElseThrow(() -> new NotFoundException("Reconciliation run", runId, localRegion.name()));
    }

    @GetMapping("/reconciliation/runs")
    List<ReconciliationReport> runs() {
        return reconciliation.latest(20);
    }

    /** Open incidents (aggregate types drifted above their threshold) and the latest runs. */
    @GetMapping("/reconciliation/status")
    Status status() {
        return new Status(reconciliation.openIncidents(), reconciliation.latest(5));
    }
}
