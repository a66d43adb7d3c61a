package dev.regent.domain.residency;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A field (event record component, of type {@code String}) that holds a data subject's personal data. It is encrypted
 * at rest in the owner's event store with the subject's key, and crosses a border only as the jurisdiction policy
 * says. The event names its subject with {@link DataSubject}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface PersonalData {

    DataClass value() default DataClass.PERSONAL;
}
