package dev.regent.infrastructure.residency;

import dev.regent.domain.residency.DataClass;
import dev.regent.domain.residency.DataSubject;
import dev.regent.domain.residency.ErasesDataSubject;
import dev.regent.domain.residency.PersonalData;
import dev.regent.domain.residency.RegionLocked;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/**
 * What an event type declares about its data: which record components are personal (and of which class), whose
 * data they are, whether the event is region-locked or erases its subject. Read once per type, checked on first use.
 */
public final class PersonalDataModel {

    /** One personal field: its position in the record and its class. */
    public record Field(int index, String name, DataClass dataClass) {
    }

    private static final Map<Class<?>, PersonalDataModel> MODELS = new ConcurrentHashMap<>();
    private static final PersonalDataModel NONE = new PersonalDataModel(null, null, -1, List.of(), false, false);

    private final Class<?> type;
    private final Constructor<?> constructor;
    private final Method[] accessors;
    private final int subjectIndex;
    private final List<Field> personalFields;
    private final boolean regionLocked;
    private final boolean erasesSubject;

    private PersonalDataModel(Class<?> type, Constructor<?> constructor, int subjectIndex, List<Field> personalFields,
                              boolean regionLocked, boolean erasesSubject) {
        this.type = type;
        this.constructor = constructor;
        this.accessors = type == null || !type.isRecord() ? new Method[0] : Arrays.stream(type.getRecordComponents())
                .map(RecordComponent::getAccessor).peek(accessor -> accessor.setAccessible(true))
                .toArray(Method[]::new);
        this.subjectIndex = subjectIndex;
        this.personalFields = personalFields;
        this.regionLocked = regionLocked;
        this.erasesSubject = erasesSubject;
    }

    /**
     * @throws IllegalStateException when the type's declarations are inconsistent (personal data on something other
     *                               than a String record component, or without a data subject)
     */
    public static PersonalDataModel of(Class<?> type) {
        return type == null ? NONE : MODELS.computeIfAbsent(type, PersonalDataModel::inspect);
    }

    private static PersonalDataModel inspect(Class<?> type) {
        boolean regionLocked = type.isAnnotationPresent(RegionLocked.class);
        boolean erases = type.isAnnotationPresent(ErasesDataSubject.class);
        if (!type.isRecord()) {
            boolean declaresFields = Arrays.stream(type.getDeclaredFields())
                    .anyMatch(field -> field.isAnnotationPresent(PersonalData.class));
            if (declaresFields || erases) {
                throw new IllegalStateException(type.getName() + " declares personal data but is not a record");
            }
            return regionLocked ? new PersonalDataModel(type, null, -1, List.of(), true, false) : NONE;
        }
        RecordComponent[] components = type.getRecordComponents();
        int subject = -1;
        List<Field> personal = new ArrayList<>();
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            if (component.isAnnotationPresent(DataSubject.class)) {
                subject = i;
            }
            PersonalData personalData = component.getAnnotation(PersonalData.class);
            if (personalData != null) {
                if (component.getType() != String.class) {
                    throw new IllegalStateException(type.getName() + "." + component.getName()
                            + " is @PersonalData but not a String: personal values are encrypted, redacted or "
                            + "pseudonymised as text");
                }
                personal.add(new Field(i, component.getName(), personalData.value()));
            }
        }
        if ((!personal.isEmpty() || erases) && subject < 0) {
            throw new IllegalStateException(type.getName() + " has personal data but no @DataSubject component");
        }
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(Arrays.stream(components)
                    .map(RecordComponent::getType).toArray(Class<?>[]::new));
            canonical.setAccessible(true);
            return new PersonalDataModel(type, canonical, subject, List.copyOf(personal), regionLocked, erases);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("No canonical constructor on " + type.getName(), e);
        }
    }

    public boolean hasPersonalData() {
        return !personalFields.isEmpty();
    }

    public boolean isRegionLocked() {
        return regionLocked;
    }

    public boolean erasesSubject() {
        return erasesSubject;
    }

    public List<Field> personalFields() {
        return personalFields;
    }

    /** The data subject of {@code payload}, when the type names one. */
    public Optional<String> subjectOf(Object payload) {
        if (subjectIndex < 0) {
            return Optional.empty();
        }
        Object value = componentValue(payload, subjectIndex);
        return Optional.ofNullable(value).map(Object::toString);
    }

    /** Each personal field of {@code payload} with its value. */
    public void forEachPersonalValue(Object payload, BiConsumer<Field, String> visitor) {
        for (Field field : personalFields) {
            visitor.accept(field, (String) componentValue(payload, field.index()));
        }
    }

    /** A copy of {@code payload} with each personal field replaced by {@code change(field, value)}. */
    public Object withPersonalFields(Object payload, BiFunction<Field, String, String> change) {
        if (!hasPersonalData()) {
            return payload;
        }
        Object[] values = new Object[accessors.length];
        for (int i = 0; i < accessors.length; i++) {
            values[i] = componentValue(payload, i);
        }
        for (Field field : personalFields) {
            values[field.index()] = change.apply(field, (String) values[field.index()]);
        }
        try {
            return constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot rebuild " + type.getName() + " with protected fields", e);
        }
    }

    private Object componentValue(Object payload, int index) {
        try {
            return accessors[index].invoke(payload);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read " + type.getName() + " component " + index, e);
        }
    }
}
