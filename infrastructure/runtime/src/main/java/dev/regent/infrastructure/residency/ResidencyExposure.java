package dev.regent.infrastructure.residency;

import dev.regent.domain.ownership.Region;
import dev.regent.domain.residency.Erasure;
import org.axonframework.eventhandling.DomainEventMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What handing an aggregate's whole stream to another region would expose beyond what the residency policy lets
 * that region see: every personal value the policy does not {@code SHARE} with it, and every region-locked event. A
 * transfer carries the readable stream, so this is what it would move across the border.
 */
public final class ResidencyExposure {

    /**
     * One value (or, for a region-locked event, a whole event) the target region may not see as it is.
     *
     * @param action what the policy would do to it on its way there ({@code WITHHELD}: region-locked)
     */
    public record Exposed(long sequence, String event, String field, String dataClass, String action) {

        @Override
        public String toString() {
            return "#" + sequence + " " + event + (field == null ? "" : "." + field) + " (" + dataClass + ", "
                    + action + ")";
        }
    }

    private final ResidencyPolicy policy;

    public ResidencyExposure(ResidencyPolicy policy) {
        this.policy = policy;
    }

    public List<Exposed> of(List<? extends DomainEventMessage<?>> stream, Region owner, Region target) {
        List<Exposed> exposed = new ArrayList<>();
        for (DomainEventMessage<?> event : stream) {
            Object payload = event.getPayload();
            PersonalDataModel model = PersonalDataModel.of(payload.getClass());
            String type = payload.getClass().getSimpleName();
            if (model.isRegionLocked()) {
                exposed.add(new Exposed(event.getSequenceNumber(), type, null, "region-locked", "WITHHELD"));
                continue;
            }
            model.forEachPersonalValue(payload, (field, value) -> {
                EgressAction action = policy.actionFor(owner, target, field.dataClass());
                if (action != EgressAction.SHARE && value != null && !value.equals(Erasure.ERASED)) {
                    exposed.add(new Exposed(event.getSequenceNumber(), type, field.name(),
                            field.dataClass().name().toLowerCase(Locale.ROOT), action.name()));
                }
            });
        }
        return exposed;
    }
}
