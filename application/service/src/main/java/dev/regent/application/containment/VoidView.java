package dev.regent.application.containment;

import dev.regent.infrastructure.containment.Voids.VoidOutcome;

import java.time.Instant;
import java.util.List;

/**
 * A void as the operator who asked sees it.
 *
 * @param aggregateIds   the first {@value #SHOWN} aggregates corrected (all are counted in {@code aggregates})
 * @param ownedElsewhere events selected but left: another region owns their aggregate, void them there
 */
record VoidView(String voidId, String reason, String voidedBy, Instant voidedAt, int events, int aggregates,
                List<String> aggregateIds, int ownedElsewhere) {

    static final int SHOWN = 100;

    static VoidView of(VoidOutcome outcome) {
        return new VoidView(outcome.voidId(), outcome.reason(), outcome.voidedBy(), outcome.voidedAt(),
                outcome.events(), outcome.aggregateIds().size(),
                outcome.aggregateIds().stream().limit(SHOWN).toList(), outcome.ownedElsewhere());
    }
}
