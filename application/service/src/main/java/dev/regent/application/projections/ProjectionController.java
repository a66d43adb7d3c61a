package dev.regent.application.projections;

import dev.regent.application.web.NotFoundException;
import dev.regent.domain.ownership.Region;
import dev.regent.projections.rebuild.ProjectionRebuilds;
import dev.regent.projections.rebuild.RebuildStatus;
import dev.regent.domain.shared.BusinessRuleViolation;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import dev.regent.application.audit.OperatorActions;
import dev.regent.application.web.OperatorRequest;
import java.security.Principal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.function.Supplier;

@RestController
class ProjectionController {

    private final ProjectionRebuilds rebuilds;
    private final Region localRegion;
    private final OperatorActions operatorActions;

    ProjectionController(ProjectionRebuilds rebuilds, Region localRegion, OperatorActions operatorActions) {
        this.rebuilds = rebuilds;
        this.localRegion = localRegion;
        this.operatorActions = operatorActions;
    }

    @GetMapping("/projections")
    List<RebuildStatus> all() {
        return rebuilds.statuses();
    }

    @GetMapping("/projections/{view}")
    RebuildStatus one(@PathVariable String view) {
        return known(view, () -> rebuilds.status(view));
    }

    /** 202: the rebuild runs in the background; follow it at {@code GET /projections/{view}}. */
    @PostMapping("/projections/{view}/rebuild")
    ResponseEntity<RebuildStatus> rebuild(@PathVariable String view,
                                          @RequestBody(required = false) OperatorRequest request,
                                          Principal operator) {
        RebuildStatus status = operatorActions.run(operator, "rebuild", view, OperatorRequest.reasonOf(request),
                () -> known(view, () -> {
                    try {
                        return rebuilds.start(view);
                    } catch (IllegalStateException alreadyRebuilding) {
                        throw new BusinessRuleViolation(alreadyRebuilding.getMessage());
                    }
                }), started -> "started");
        return ResponseEntity.accepted().location(URI.create("/projections/" + view)).body(status);
    }

    private RebuildStatus known(String view, Supplier<RebuildStatus> action) {
        try {
            return action.get();
        } catch (IllegalArgumentException unknown) {
            throw new NotFoundException("Read model", view, localRegion.name());
        }
    }
}
