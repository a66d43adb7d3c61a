package dev.regent.domain.ownership;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares an aggregate owned by the home region of one of its attributes: the creating command's record component
 * named {@link #attribute()} is mapped through the {@link JurisdictionMap} (its {@code toString()} is the key, e.g. a
 * country code {@code FR} &rarr; {@code eu}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface HomeOwnership {

    /** Name of the creating command's record component that holds the jurisdiction, e.g. {@code domicile}. */
    String attribute();
}
