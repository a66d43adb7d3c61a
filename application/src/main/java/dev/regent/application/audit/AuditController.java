package dev.regent.application.audit;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

@RestController
class AuditController {

    private final AuditService audits;

    AuditController(AuditService audits) {
        this.audits = audits;
    }

    /** {@code ?asOf=2026-11-23T10:15:30Z} or {@code ?atSequence=3} (both: 400); neither: the aggregate as it is now. */
    @GetMapping("/audit/{aggregateType}/{aggregateId}")
    AuditReport audit(@PathVariable String aggregateType, @PathVariable String aggregateId,
                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant asOf,
                      @RequestParam(required = false) Long atSequence) {
        return audits.audit(aggregateType, aggregateId, asOf, atSequence);
    }
}
