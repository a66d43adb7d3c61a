package dev.regent.application.containment;

import dev.regent.domain.ownership.OwnershipMetadata;
import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.containment.Freeze;
import dev.regent.infrastructure.containment.Freezes;
import dev.regent.infrastructure.instances.RegionLeases;
import dev.regent.infrastructure.scheduling.PeriodicTask;
import dev.regent.projections.deadletter.DeadLetters;
import dev.regent.projections.deadletter.ParkedEvent;
import dev.regent.projections.deadletter.ParkedReason;
import dev.regent.projections.replication.FrozenEventException;
import dev.regent.projections.replication.IngressHold;
import dev.regent.projections.replication.ViewStores;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Freezes at ingress: an event from another region that a freeze selects and that was already on its way when the
 * freeze was declared is parked by every read model here (reason {@code frozen}), its aggregate's later events behind
 * it; once the freeze is thawed, those views are handed their parked events again, in order. The owner's own read
 * models are not held: they show its store, which voiding and rebuilding correct.
 */
@Configuration(proxyBeanMethods = false)
class IngressFreezesConfiguration {

    @Bean
    IngressHold ingressFreezes(ViewStores stores, Freezes freezes, Region localRegion) {
        IngressHold hold = event -> localRegion.name().equals(event.getMetaData().get(OwnershipMetadata.ORIGIN_REGION))
                ? Optional.empty() : freezes.holding(event).map(Freeze::id);
        stores.holdAtIngress(hold);
        return hold;
    }

    @Bean
    PeriodicTask frozenLettersRelease(DeadLetters deadLetters, Freezes freezes, RegionLeases leases) {
        // Once per region: the parked events are the region's rows; two instances retrying the same view at once
        // would hand the same events to its handlers concurrently
        return PeriodicTask.of("regent-containment-ingress", leases, PeriodicTask.Job.oncePerRegion(
                "Applying what thawed freezes held at ingress", Duration.ofSeconds(1),
                () -> viewsHoldingThawed(deadLetters, freezes).forEach(deadLetters::retry)));
    }

    private static Set<String> viewsHoldingThawed(DeadLetters deadLetters, Freezes freezes) {
        return deadLetters.parkedFor(ParkedReason.FROZEN).stream()
                .filter(letter -> Optional.ofNullable(FrozenEventException.freezeOf(letter.detail()))
                        .flatMap(freezes::find).map(freeze -> !freeze.active()).orElse(true))
                .map(ParkedEvent::view).collect(Collectors.toSet());
    }
}
