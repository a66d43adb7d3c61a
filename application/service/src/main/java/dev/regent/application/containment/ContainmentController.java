package dev.regent.application.containment;

import dev.regent.application.audit.OperatorActions;
import dev.regent.application.web.NotFoundException;
import dev.regent.application.web.OperatorRequest;
import dev.regent.domain.containment.FreezeScope;
import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.containment.Freeze;
import dev.regent.infrastructure.containment.FreezeReplication;
import dev.regent.infrastructure.containment.Freezes;
import dev.regent.infrastructure.containment.FrozenEgress;
import dev.regent.infrastructure.containment.VoidedEvents;
import dev.regent.infrastructure.containment.Voids;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.util.List;

/**
 * Freezes, as an operator declares, lists and thaws them in any region: every region learns them (pushed at once,
 * asked for every 5 seconds), its egress holds what they select, and a thaw publishes what they held.
 */
@RestController
class ContainmentController {

    private final Freezes freezes;
    private final FrozenEgress frozen;
    private final FreezeReplication replication;
    private final Voids voids;
    private final VoidedEvents voided;
    private final OperatorActions operatorActions;
    private final Region localRegion;

    ContainmentController(Freezes freezes, FrozenEgress frozen, FreezeReplication replication, Voids voids,
                          VoidedEvents voided, OperatorActions operatorActions, Region localRegion) {
        this.freezes = freezes;
        this.voids = voids;
        this.voided = voided;
        this.frozen = frozen;
        this.replication = replication;
        this.operatorActions = operatorActions;
        this.localRegion = localRegion;
    }

    @GetMapping("/containment/freezes")
    List<FreezeView> freezes() {
        return freezes.all().stream().map(freeze -> FreezeView.of(freeze, frozen.count(freeze.id()))).toList();
    }

    @GetMapping("/containment/freezes/{freezeId}")
    FreezeView freeze(@PathVariable String freezeId) {
        return freezes.find(freezeId).map(freeze -> FreezeView.of(freeze, frozen.count(freeze.id())))
                .orElseThrow(() -> new NotFoundException("Freeze", freezeId, localRegion.name()));
    }

    @PostMapping("/containment/freezes")
    @ResponseStatus(HttpStatus.CREATED)
    FreezeView declare(@RequestBody FreezeRequest request, Principal operator) {
        var scope = request.scope();
        boolean refuseWrites = request.refusesWrites();
        String reason = request.requiredReason();
        Freeze freeze = operatorActions.run(operator, "freeze", scope.describe(), reason,
                () -> freezes.declare(scope, refuseWrites, reason, OperatorActions.nameOf(operator)), Freeze::id);
        replication.push(freeze);
        return FreezeView.of(freeze, 0);
    }

    @PostMapping("/containment/freezes/{freezeId}/thaw")
    FreezeView thaw(@PathVariable String freezeId, @RequestBody(required = false) OperatorRequest request,
                    Principal operator) {
        Freeze thawed = operatorActions.run(operator, "thaw", freezeId, OperatorRequest.reasonOf(request),
                () -> freezes.thaw(freezeId, OperatorActions.nameOf(operator))
                        .orElseThrow(() -> new NotFoundException("Freeze", freezeId, localRegion.name())),
                freeze -> "thawed");
        replication.push(thawed);
        return FreezeView.of(thawed, frozen.count(thawed.id()));
    }

    /**
     * Voids events on their owner region (this one): each aggregate gets a correction event; stores, read models,
     * rebuilds and reconciliation skip what it voids from then on, everywhere. Voiding again what was voided changes
     * nothing.
     */
    @PostMapping("/containment/voids")
    @ResponseStatus(HttpStatus.CREATED)
    VoidView voidEvents(@RequestBody VoidRequest request, Principal operator) {
        String reason = request.requiredReason();
        String by = OperatorActions.nameOf(operator);
        if (request.byIds()) {
            List<String> eventIds = request.requiredEventIds();
            return VoidView.of(operatorActions.run(operator, "void", eventIds.size() + " events by id", reason,
                    () -> voids.voidEvents(eventIds, reason, by), Voids.VoidOutcome::voidId));
        }
        FreezeScope scope = request.byFreeze() ? freezes.find(request.requiredFreezeId())
                .orElseThrow(() -> new NotFoundException("Freeze", request.freezeId(), localRegion.name())).scope()
                : request.scope();
        return VoidView.of(operatorActions.run(operator, "void", scope.describe(), reason,
                () -> voids.voidScope(scope, reason, by), Voids.VoidOutcome::voidId));
    }

    /** The voids whose corrections this region's store holds, newest first. */
    @GetMapping("/containment/voids")
    List<VoidedEvents.VoidSummary> voids() {
        return voided.voids();
    }
}
