package dev.regent.domain.residency;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An event that never leaves its owner region, whatever the policy: it is published only to the region's own,
 * never-mirrored topic. Other regions learn what they need from a derived event that carries no personal data.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RegionLocked {
}
