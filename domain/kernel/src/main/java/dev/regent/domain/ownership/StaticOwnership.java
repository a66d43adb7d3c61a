package dev.regent.domain.ownership;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Declares an aggregate centrally mastered by one fixed region, e.g. {@code @StaticOwnership("eu")}. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface StaticOwnership {

    /** The owning region's name. */
    String value();
}
