package dev.regent.application.projections;

import dev.regent.application.audit.OperatorActions;
import dev.regent.application.web.NotFoundException;
import dev.regent.application.web.OperatorRequest;
import dev.regent.domain.ownership.Region;
import dev.regent.domain.shared.BusinessRuleViolation;
import dev.regent.projections.shadow.ShadowRebuilds;
import dev.regent.projections.shadow.ShadowStatus;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/** A read model rebuilt beside the live one: started, compared, swapped in or discarded by an operator. */
@RestController
class ShadowController {

    private final ShadowRebuilds shadows;
    private final Region localRegion;
    private final OperatorActions operatorActions;

    ShadowController(ShadowRebuilds shadows, Region localRegion, OperatorActions operatorActions) {
        this.shadows = shadows;
        this.localRegion = localRegion;
        this.operatorActions = operatorActions;
    }

    /** 202: built in the background; {@code ?asOf=2026-11-23T10:15:30Z} applies only the events up to that instant. */
    @PostMapping("/projections/{view}/shadow")
    ResponseEntity<ShadowStatus> start(@PathVariable String view,
                                       @RequestParam(required = false)
                                       @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant asOf,
                                       @RequestBody(required = false) OperatorRequest request, Principal operator) {
        ShadowStatus status = operatorActions.run(operator, "shadow rebuild", asOf == null ? view
                        : view + " as of " + asOf, OperatorRequest.reasonOf(request),
                () -> guarded(view, () -> shadows.start(view, asOf)), started -> "started");
        return ResponseEntity.accepted().location(URI.create("/projections/" + view + "/shadow")).body(status);
    }

    /** How far it is and, once built, what a swap would change: counts and a sample of aggregate ids. */
    @GetMapping("/projections/{view}/shadow")
    ShadowStatus status(@PathVariable String view) {
        return guarded(view, () -> shadows.status(view).orElseThrow(NoSuchElementException::new));
    }

    @PostMapping("/projections/{view}/shadow/swap")
    ShadowStatus swap(@PathVariable String view, @RequestBody(required = false) OperatorRequest request,
                      Principal operator) {
        return operatorActions.run(operator, "shadow swap", view, OperatorRequest.reasonOf(request),
                () -> guarded(view, () -> shadows.swap(view)), swapped -> "swapped in: "
                        + swapped.difference().added() + " rows added, " + swapped.difference().changed()
                        + " changed, " + swapped.difference().removed() + " removed");
    }

    /** 204, also when there was nothing to discard (a retried discard changes nothing). */
    @DeleteMapping("/projections/{view}/shadow")
    ResponseEntity<Void> discard(@PathVariable String view, @RequestBody(required = false) OperatorRequest request,
                                 Principal operator) {
        operatorActions.run(operator, "shadow discard", view, OperatorRequest.reasonOf(request), () -> guarded(view,
                () -> {
                    shadows.discard(view);
                    return view;
                }), discarded -> "discarded");
        return ResponseEntity.noContent().build();
    }

    private <T> T guarded(String view, Supplier<T> action) {
        try {
            return action.get();
        } catch (IllegalArgumentException unknown) {
            throw new NotFoundException("Read model", view, localRegion.name());
        } catch (NoSuchElementException none) {
            throw new NotFoundException("Shadow of read model", view, localRegion.name());
        } catch (IllegalStateException refused) {
            throw new BusinessRuleViolation(refused.getMessage());
        }
    }
}
