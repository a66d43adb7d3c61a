package dev.regent.application.projections;

import dev.regent.domain.shared.BusinessRuleViolation;
import dev.regent.projections.deadletter.DeadLetters;
import dev.regent.projections.deadletter.DeadLetters.RetryOutcome;
import dev.regent.projections.deadletter.ParkedEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import dev.regent.application.audit.OperatorActions;
import dev.regent.application.web.OperatorRequest;
import dev.regent.domain.shared.InvalidValueException;
import java.security.Principal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/** Events the read models parked: what and why, and the two ways out (retry after an upgrade, or skip). */
@RestController
class DeadLetterController {

    private final DeadLetters deadLetters;
    private final OperatorActions operatorActions;

    DeadLetterController(DeadLetters deadLetters, OperatorActions operatorActions) {
        this.deadLetters = deadLetters;
        this.operatorActions = operatorActions;
    }

    @GetMapping("/dead-letters")
    List<ParkedEvent> parked(@RequestParam(required = false) String view) {
        return deadLetters.list(view);
    }

    @PostMapping("/dead-letters/{view}/retry")
    RetryOutcome retry(@PathVariable String view, @RequestBody(required = false) OperatorRequest request,
                       Principal operator) {
        return operatorActions.run(operator, "dead-letters-retry", view, OperatorRequest.reasonOf(request),
                () -> found(() -> deadLetters.retry(view)), DeadLetterController::outcome);
    }

    /** Giving an event up changes what the view shows: a reason is required, and kept with who gave it. */
    @PostMapping("/dead-letters/{view}/{letterId}/skip")
    RetryOutcome skip(@PathVariable String view, @PathVariable String letterId,
                      @RequestBody(required = false) OperatorRequest request, Principal operator) {
        String reason = OperatorRequest.reasonOf(request);
        if (reason == null || reason.isBlank()) {
            throw new InvalidValueException("reason", "say why the event is given up: it is kept with your name");
        }
        return operatorActions.run(operator, "dead-letters-skip", view + "/" + letterId, reason, () -> found(() -> {
            try {
                return deadLetters.skip(view, letterId);
            } catch (IllegalStateException behindAnother) {
                throw new BusinessRuleViolation(behindAnother.getMessage());
            }
        }), DeadLetterController::outcome);
    }

    private static String outcome(RetryOutcome outcome) {
        return outcome.aggregatesCleared() + " of " + outcome.aggregatesTried() + " aggregates cleared, "
                + outcome.stillParked() + " still parked";
    }

    private static RetryOutcome found(Supplier<RetryOutcome> action) {
        try {
            return action.get();
        } catch (NoSuchElementException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage());
        }
    }
}
