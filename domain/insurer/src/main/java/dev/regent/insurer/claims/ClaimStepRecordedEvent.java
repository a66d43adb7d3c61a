package dev.regent.insurer.claims;

import org.axonframework.serialization.Revision;

@Revision("1")
public record ClaimStepRecordedEvent(ClaimId claimId, ClaimStep step, StepOutcome outcome, String detail,
                                     ClaimStatus status) {
}
