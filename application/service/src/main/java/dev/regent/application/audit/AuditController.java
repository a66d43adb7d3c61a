package dev.regent.application.audit;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

@RestController
class AuditController {

    private final AuditService audits;
    private final OperatorActions operatorActions;

    AuditController(AuditService audits, OperatorActions operatorActions) {
        this.audits = audits;
        this.operatorActions = operatorActions;
    }

    /** Who did what on this region: transfers, rebuilds, reconciliation runs, dead-letter retries and skips. */
    @GetMapping("/audit/operator-actions")
    List<OperatorActions.Action> operatorActions(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant since,
            @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1_000) {
            throw new IllegalArgumentException("limit must be between 1 and 1000");
        }
        return operatorActions.latest(since, limit);
    }

    /** {@code ?asOf=2026-11-23T10:15:30Z} or {@code ?atSequence=3} (both: 400); neither: the aggregate as it is now. */
    @GetMapping("/audit/{aggregateType}/{aggregateId}")
    AuditReport audit(@PathVariable String aggregateType, @PathVariable String aggregateId,
                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant asOf,
                      @RequestParam(required = false) Long atSequence) {
        return audits.audit(aggregateType, aggregateId, asOf, atSequence);
    }
}
