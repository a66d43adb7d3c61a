package dev.regent.domain.ownership;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares on a command type what happens when its target's owner region does not answer. Commands without it get
 * the configured default ({@code regent.failover.default-policy}, itself {@link FailoverPolicy#REJECT} by default).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface WhenOwnerUnavailable {

    FailoverPolicy value();
}
