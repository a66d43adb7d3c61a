package dev.regent.domain.ownership;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the ownership rule an aggregate type declares. */
public final class OwnershipRules {

    private OwnershipRules() {
    }

    /** The declared rule, or empty when the type declares none. */
    public static Optional<OwnershipRule> declaredOn(Class<?> aggregateType) {
        List<OwnershipRule> declared = new ArrayList<>();
        StaticOwnership staticOwnership = aggregateType.getAnnotation(StaticOwnership.class);
        if (staticOwnership != null) {
            declared.add(new OwnershipRule.Static(Region.of(staticOwnership.value())));
        }
        HomeOwnership homeOwnership = aggregateType.getAnnotation(HomeOwnership.class);
        if (homeOwnership != null) {
            declared.add(new OwnershipRule.Home(homeOwnership.attribute()));
        }
        if (aggregateType.isAnnotationPresent(NativeOwnership.class)) {
            declared.add(new OwnershipRule.Native());
        }
        if (declared.size() > 1) {
            throw new IllegalStateException(aggregateType.getName() + " declares more than one ownership rule: "
                    + declared.stream().map(OwnershipRule::describe).toList());
        }
        return declared.stream().findFirst();
    }

    /** The declared rule; an aggregate without one cannot be owned and is a configuration error. */
    public static OwnershipRule of(Class<?> aggregateType) {
        return declaredOn(aggregateType).orElseThrow(() -> new IllegalStateException(
                aggregateType.getName() + " declares no ownership rule: annotate it with @StaticOwnership, "
                        + "@HomeOwnership or @NativeOwnership"));
    }
}
