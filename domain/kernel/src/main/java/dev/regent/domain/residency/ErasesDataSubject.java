package dev.regent.domain.residency;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An event that erases its {@link DataSubject}'s personal data (the right to be forgotten). Appending it destroys the
 * subject's key in the owner region (crypto-shredding): every earlier event keeps its place in the log, and its
 * personal fields can no longer be read by anyone.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ErasesDataSubject {
}
