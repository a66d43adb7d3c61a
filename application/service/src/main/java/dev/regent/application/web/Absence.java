package dev.regent.application.web;

import dev.regent.domain.ownership.Region;
import dev.regent.projections.deadletter.DeadLetters;
import dev.regent.projections.rebuild.ProjectionRebuilds;
import dev.regent.projections.rebuild.RebuildStatus;
import org.springframework.stereotype.Component;

/**
 * Why a read model has no row for an id: the view is being rebuilt (503, retry), it parked the aggregate's first event
 * (500, naming the letter), or the id is unknown here (404).
 */
@Component
public class Absence {

    private final ProjectionRebuilds rebuilds;
    private final DeadLetters deadLetters;
    private final Region localRegion;

    public Absence(ProjectionRebuilds rebuilds, DeadLetters deadLetters, Region localRegion) {
        this.rebuilds = rebuilds;
        this.deadLetters = deadLetters;
        this.localRegion = localRegion;
    }

    public RuntimeException of(String what, String id, String view) {
        RebuildStatus status = rebuilds.status(view);
        if (status.rebuilding()) {
            return new ViewRebuildingException(view, status.percent());
        }
        return deadLetters.firstParked(view, id).<RuntimeException>map(ParkedAggregateException::new)
                .orElseGet(() -> new NotFoundException(what, id, localRegion.name()));
    }
}
