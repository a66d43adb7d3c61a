package dev.regent.infrastructure.containment;

import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.ownership.WriteGate;

/**
 * Refuses, at the owner, commands to aggregates of a type an active freeze holds with {@code refuseWrites}: the bad
 * code path stops writing while the operators contain what it wrote. A freeze of another origin region does not
 * refuse this region's writes.
 */
public class FrozenWrites implements WriteGate {

    private final Freezes freezes;
    private final Region local;

    public FrozenWrites(Freezes freezes, Region local) {
        this.freezes = freezes;
        this.local = local;
    }

    @Override
    public void check(String aggregateType, String aggregateId) {
        for (Freeze freeze : freezes.active()) {
            if (freeze.refuseWrites() && aggregateType.equals(freeze.scope().aggregateType())
                    && (freeze.scope().originRegion() == null || freeze.scope().originRegion().equals(local.name()))) {
                throw new WritesFrozenException(freeze, aggregateType);
            }
        }
    }
}
