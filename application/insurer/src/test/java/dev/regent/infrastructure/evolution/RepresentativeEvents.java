package dev.regent.infrastructure.evolution;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Map.entry;

/**
 * One instance of an event type with every field filled, made from its record components, so that its serialized
 * form shows every field: no event type needs hand-written test data, and a new one is covered as soon as it exists.
 * Values are fixed (approved forms must not change from run to run) and plausible where the field name says what it
 * holds.
 */
final class RepresentativeEvents {

    private static final Map<String, String> TEXT_BY_FIELD = Map.ofEntries(
            entry("name", "Amélie Poulain"),
            entry("email", "amelie@example.fr"),
            entry("phone", "+33 1 23 45 67 89"),
            entry("domicile", "FR"),
            entry("preferredLanguage", "fr"),
            entry("product", "HOME-CONTENTS"),
            entry("aggregateType", "CustomerIdentity"),
            entry("rule", "HOME(domicile)"),
            entry("ownerRegion", "eu"),
            entry("fromRegion", "eu"),
            entry("toRegion", "apac"));
    private static final Instant AN_INSTANT = Instant.parse("2026-11-23T10:15:30Z");

    private RepresentativeEvents() {
    }

    static Object of(Class<?> eventType) {
        return sample(eventType, eventType.getSimpleName(), eventType);
    }

    private static Object sample(Class<?> type, String field, Class<?> owner) {
        if (type == String.class) {
            return TEXT_BY_FIELD.getOrDefault(field, field.equals("value")
                    ? owner.getSimpleName().toLowerCase() + "-0001" : field + "-sample");
        }
        if (type == long.class || type == Long.class) {
            return 3L;
        }
        if (type == int.class || type == Integer.class) {
            return 3;
        }
        if (type == boolean.class || type == Boolean.class) {
            return true;
        }
        if (type == BigDecimal.class) {
            return new BigDecimal("1200.50");
        }
        if (type == Instant.class) {
            return AN_INSTANT;
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        if (type == List.class || type == Set.class || type == Map.class) {
            throw new IllegalArgumentException(owner.getSimpleName() + "." + field + " is a " + type.getSimpleName()
                    + ": teach RepresentativeEvents to fill it (with one element, so its form shows)");
        }
        if (type.isRecord()) {
            return record(type);
        }
        throw new IllegalArgumentException("RepresentativeEvents cannot fill " + owner.getSimpleName() + "." + field
                + " of type " + type.getName() + ": teach it one value of that type");
    }

    /** A list of one element, so that the element's form shows. */
    private static List<?> listOfOne(RecordComponent component, Class<?> owner) {
        if (component.getGenericType() instanceof ParameterizedType generic
                && generic.getActualTypeArguments()[0] instanceof Class<?> element) {
            return List.of(sample(element, component.getName(), owner));
        }
        throw new IllegalArgumentException(owner.getSimpleName() + "." + component.getName() + " is a list of "
                + "unknown elements: teach RepresentativeEvents to fill it");
    }

    private static Object record(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = Arrays.stream(components).map(c -> c.getType() == List.class ? listOfOne(c, type)
                : sample(c.getType(), c.getName(), type)).toArray();
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            canonical.setAccessible(true);
            return canonical.newInstance(values);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("RepresentativeEvents' values for " + type.getSimpleName()
                    + " are refused by its constructor: " + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot make a " + type.getName(), e);
        }
    }
}
