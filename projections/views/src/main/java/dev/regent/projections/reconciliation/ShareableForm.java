package dev.regent.projections.reconciliation;

import dev.regent.domain.ownership.Region;

/** The owner's state of a view row as {@code destination} may hold it, by the residency policy (a port). */
@FunctionalInterface
public interface ShareableForm {

    Object forDestination(Object state, Region owner, Region destination);
}
