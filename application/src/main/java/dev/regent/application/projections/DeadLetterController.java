package dev.regent.application.projections;

import dev.regent.domain.shared.BusinessRuleViolation;
import dev.regent.projections.deadletter.DeadLetters;
import dev.regent.projections.deadletter.DeadLetters.RetryOutcome;
import dev.regent.projections.deadletter.ParkedEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
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

    DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping("/dead-letters")
    List<ParkedEvent> parked(@RequestParam(required = false) String view) {
        return deadLetters.list(view);
    }

    @PostMapping("/dead-letters/{view}/retry")
    RetryOutcome retry(@PathVariable String view) {
        return found(() -> deadLetters.retry(view));
    }

    @PostMapping("/dead-letters/{view}/{letterId}/skip")
    RetryOutcome skip(@PathVariable String view, @PathVariable String letterId) {
        return found(() -> {
            try {
                return deadLetters.skip(view, letterId);
            } catch (IllegalStateException behindAnother) {
                throw new BusinessRuleViolation(behindAnother.getMessage());
            }
        });
    }

    private static RetryOutcome found(Supplier<RetryOutcome> action) {
        try {
            return action.get();
        } catch (NoSuchElementException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage());
        }
    }
}
