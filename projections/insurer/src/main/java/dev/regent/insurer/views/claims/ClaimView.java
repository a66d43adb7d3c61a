package dev.regent.insurer.views.claims;

import dev.regent.insurer.claims.ClaimFiledEvent;
import dev.regent.insurer.claims.ClaimStatus;
import dev.regent.insurer.claims.ClaimStepRecordedEvent;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A claim as a region knows it, with the steps of its settlement in order. */
public record ClaimView(String claimId, String policyId, String customerId, BigDecimal amount, String description,
                        ClaimStatus status, String reason, String detail, List<Step> steps) {

    /** One settlement step: what was asked or answered, and when the owner recorded it. */
    public record Step(String step, String outcome, String detail, Instant at) {
    }

    static ClaimView filed(ClaimFiledEvent event) {
        return new ClaimView(event.claimId().value(), event.policyId().value(), event.customerId().value(),
                event.amount(), event.description(), ClaimStatus.OPEN, null, null, List.of());
    }

    ClaimView withStep(ClaimStepRecordedEvent event, Instant at) {
        List<Step> next = new ArrayList<>(steps);
        next.add(new Step(event.step().name(), event.outcome().name(), event.detail(), at));
        return new ClaimView(claimId, policyId, customerId, amount, description, event.status(), reason, detail,
                List.copyOf(next));
    }

    ClaimView decided(ClaimStatus newStatus, String newReason, String newDetail) {
        return new ClaimView(claimId, policyId, customerId, amount, description, newStatus,
                newReason == null ? reason : newReason, newDetail == null ? detail : newDetail, steps);
    }
}
