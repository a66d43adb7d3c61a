package dev.regent.application.web;

import dev.regent.domain.ownership.Region;
import dev.regent.projections.rebuild.ProjectionRebuilds;
import dev.regent.projections.rebuild.RebuildStatus;
import org.springframework.stereotype.Component;

/** Why a read model has no row for an id: unknown here (404), or the view is being rebuilt (503, retry). */
@Component
public class Absence {

    private final ProjectionRebuilds rebuilds;
    private final Region localRegion;

    public Absence(ProjectionRebuilds rebuilds, Region localRegion) {
        this.rebuilds = rebuilds;
        this.localRegion = localRegion;
    }

    public RuntimeException of(String what, String id, String view) {
        RebuildStatus status = rebuilds.status(view);
        return status.rebuilding() ? new ViewRebuildingException(view, status.percent())
                : new NotFoundException(what, id, localRegion.name());
    }
}
