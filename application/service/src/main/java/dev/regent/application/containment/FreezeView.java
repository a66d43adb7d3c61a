package dev.regent.application.containment;

import dev.regent.domain.containment.FreezeScope;
import dev.regent.infrastructure.containment.Freeze;

import java.time.Instant;

/**
 * A freeze as operators see it, with how many events this region's egress holds under it.
 *
 * @param active false once thawed
 */
record FreezeView(String id, boolean active, FreezeScope scope, String describedScope, boolean refuseWrites,
                  String reason,
                  String frozenBy, String issuedIn, Instant frozenAt, Instant thawedAt, String thawedBy,
                  long heldHere) {

    static FreezeView of(Freeze freeze, long heldHere) {
        return new FreezeView(freeze.id(), freeze.active(), freeze.scope(), freeze.scope().describe(),
                freeze.refuseWrites(), freeze.reason(), freeze.frozenBy(), freeze.issuedIn(), freeze.frozenAt(), freeze.thawedAt(),
                freeze.thawedBy(), heldHere);
    }
}
