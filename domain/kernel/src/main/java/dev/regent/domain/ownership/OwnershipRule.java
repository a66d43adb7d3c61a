package dev.regent.domain.ownership;

import dev.regent.domain.shared.InvalidValueException;

import java.lang.reflect.RecordComponent;

/**
 * How an aggregate's owning region is decided when it is created. Declared on the aggregate type with
 * {@link StaticOwnership}, {@link HomeOwnership} or {@link NativeOwnership}; read with {@link OwnershipRules}.
 */
public sealed interface OwnershipRule {

    /**
     * The region that owns a new aggregate created by {@code creationCommand}, accepted in {@code acceptingRegion}.
     *
     * @throws UnknownJurisdictionException when a home-region attribute maps to no region
     */
    Region ownerFor(Object creationCommand, Region acceptingRegion, JurisdictionMap jurisdictions);

    /** A stable, human-readable form such as {@code HOME(domicile)}, shown by the API and kept in the registry. */
    String describe();

    /** Centrally mastered data: always owned by one fixed region. */
    record Static(Region region) implements OwnershipRule {
        @Override
        public Region ownerFor(Object creationCommand, Region acceptingRegion, JurisdictionMap jurisdictions) {
            return region;
        }

        @Override
        public String describe() {
            return "STATIC(" + region + ")";
        }
    }

    /** Home-region ownership: an attribute of the creating command (e.g. domicile) mapped through jurisdictions. */
    record Home(String attribute) implements OwnershipRule {
        public Home {
            if (attribute == null || attribute.isBlank()) {
                throw new IllegalArgumentException("A HOME ownership rule needs the name of the attribute to map");
            }
        }

        @Override
        public Region ownerFor(Object creationCommand, Region acceptingRegion, JurisdictionMap jurisdictions) {
            Object value = attributeOf(creationCommand);
            if (value == null) {
                throw new InvalidValueException(attribute, "is required to decide the owning region");
            }
            return jurisdictions.regionFor(attribute, value.toString());
        }

        private Object attributeOf(Object command) {
            if (!command.getClass().isRecord()) {
                throw new IllegalStateException("HOME ownership reads '" + attribute + "' from the creating command, "
                        + "which must be a record: " + command.getClass().getName());
            }
            for (RecordComponent component : command.getClass().getRecordComponents()) {
                if (component.getName().equals(attribute)) {
                    try {
                        return component.getAccessor().invoke(command);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException("Cannot read " + attribute + " of " + command, e);
                    }
                }
            }
            throw new IllegalStateException(command.getClass().getSimpleName() + " has no component '" + attribute
                    + "' declared by its aggregate's HOME ownership rule");
        }

        @Override
        public String describe() {
            return "HOME(" + attribute + ")";
        }
    }

    /** Region-native ownership: owned where the creating command was accepted (where it happened). */
    record Native() implements OwnershipRule {
        @Override
        public Region ownerFor(Object creationCommand, Region acceptingRegion, JurisdictionMap jurisdictions) {
            return acceptingRegion;
        }

        @Override
        public String describe() {
            return "NATIVE";
        }
    }
}
