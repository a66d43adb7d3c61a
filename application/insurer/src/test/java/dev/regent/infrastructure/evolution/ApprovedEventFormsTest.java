package dev.regent.infrastructure.evolution;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.core.type.filter.RegexPatternTypeFilter;
import org.springframework.core.type.filter.TypeFilter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Events are contracts between regions: a region reads what the others wrote, possibly with other code, and its own
 * store keeps every revision it ever wrote. So every event type of the domain (a record with {@code @Revision}) has an
 * approved serialized form per revision, in {@code src/test/resources/approved-events/<Type>-<revision>.json},
 * written by the regions' own serializer configuration from a {@link RepresentativeEvents representative instance}:
 * <ul>
 *     <li>the current revision's form must be exactly the approved one: a change without a new {@code @Revision} fails
 *     (regions on the other code would misread it);</li>
 *     <li>a type or revision without an approved form fails, saying how to approve it ({@code -Dapprove=true} writes
 *     the missing files, never changes an existing one);</li>
 *     <li>every older revision's approved form must read as the current revision through the regions' upcaster
 *     chain, with the current form's fields.</li>
 * </ul>
 */
class ApprovedEventFormsTest {

    /** Regent's own events (the kernel's) and the insurer's: every event this service reads and writes. */
    private static final List<String> DOMAIN = List.of("dev.regent.domain", "dev.regent.insurer");
    private static final boolean APPROVE = Boolean.getBoolean("approve");
    private static final String HOW_TO_APPROVE = "mvn -pl application/insurer -am test -Dtest=ApprovedEventFormsTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dapprove=true";
    private static final Pattern FILE_NAME = Pattern.compile("(?<type>[A-Za-z0-9_$]+)-(?<revision>[^-]+)\\.json");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final Serializer serializer = RegionSerialization.get().serializer();

    @TestFactory
    Stream<DynamicTest> everyEventTypeIsSerializedAsItsApprovedForm() {
        return eventTypes().stream().map(type -> DynamicTest.dynamicTest(type.getSimpleName(), () -> {
            JsonNode actual = currentForm(type);
            String revision = actual.get("revision").asText();
            Path file = approvedFile(type.getSimpleName(), revision);
            if (!Files.exists(file)) {
                if (APPROVE) {
                    Files.createDirectories(file.getParent());
                    Files.writeString(file, JSON.writeValueAsString(actual) + "\n");
                    return;
                }
                fail("""
                        %s revision %s has no approved serialized form (%s). Events are contracts between regions: \
                        approve its form once it is final. Run
                          %s
                        then review the file it writes and commit it. This is the form as it is serialized now:
                        %s""".formatted(type.getSimpleName(), revision, relative(file), HOW_TO_APPROVE,
                        JSON.writeValueAsString(actual)));
            }
            JsonNode approved = read(file);
            if (!approved.equals(actual)) {
                fail("""
                        The serialized form of %s changed, but it still declares @Revision("%s"). Regions still on \
                        the other code, and every store and mirrored topic holding revision %s events, would read \
                        it differently. Do not change an approved form: instead
                          1. bump the revision: @Revision("%s") on %s;
                          2. add an upcaster from revision %s to it (a JsonRevisionUpcaster bean in \
                        EventEvolutionConfiguration), so that stored and mirrored revision %s events read as the new \
                        revision;
                          3. approve the new form: %s
                        and keep %s: it proves that the upcaster reads revision %s.
                        (A change of the serializer configuration shows here too: it changes how every stored event \
                        reads.)
                        Differences, approved -> now:
                        %s
                        Now:
                        %s""".formatted(type.getSimpleName(), revision, revision, next(revision),
                        type.getSimpleName(), revision, revision, HOW_TO_APPROVE, relative(file), revision,
                        String.join("\n", differences("", approved, actual)), JSON.writeValueAsString(actual)));
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyOlderApprovedRevisionReadsAsTheCurrentOneThroughTheUpcasterChain() {
        Map<String, Class<?>> types = eventTypesBySimpleName();
        return approvedFiles().stream()
                .filter(file -> types.containsKey(file.type()))
                .filter(file -> !file.revision().equals(currentRevision(types.get(file.type()))))
                .map(file -> DynamicTest.dynamicTest(file.type() + " revision " + file.revision(), () -> {
                    Class<?> type = types.get(file.type());
                    String current = currentRevision(type);
                    assertThat(isOlder(file.revision(), current))
                            .as("%s: an approved form of revision %s, but %s declares revision %s: revisions only "
                                    + "ever grow", relative(file.path()), file.revision(), type.getSimpleName(),
                                    current)
                            .isTrue();
                    JsonNode approved = read(file.path());
                    List<IntermediateEventRepresentation> upcast = RegionSerialization.get().upcast(
                            approved.get("type").asText(), file.revision(),
                            JSON.writeValueAsString(approved.get("payload")));
                    assertThat(upcast).as("one event in, one event out").hasSize(1);
                    String reached = upcast.get(0).getType().getRevision();
                    if (!current.equals(reached)) {
                        fail("""
                                %s revision %s (%s) reads as revision %s through the regions' upcaster chain, not as \
                                revision %s: stores and mirrored topics still hold such events. Add an upcaster from \
                                revision %s to the next (a JsonRevisionUpcaster bean in EventEvolutionConfiguration)."""
                                .formatted(type.getSimpleName(), file.revision(), relative(file.path()), reached,
                                        current, reached));
                    }
                    Path currentFile = approvedFile(file.type(), current);
                    if (Files.exists(currentFile)) {
                        JsonNode upcastPayload = upcast.get(0).getData(JsonNode.class).getData();
                        assertThat(shapeDifferences("", read(currentFile).get("payload"), upcastPayload))
                                .as("%s revision %s, upcast to %s, has every field of %s (an upcaster that does not "
                                        + "know a value says so with an explicit null)", type.getSimpleName(),
                                        file.revision(), current, relative(currentFile))
                                .isEmpty();
                    }
                    Object event = serializer.deserialize(upcast.get(0).getData());
                    assertThat(event).isInstanceOf(type);
                    Object keptOutsideTheStore = serializer.deserialize(new SimpleSerializedObject<>(
                            JSON.writeValueAsBytes(approved.get("payload")), byte[].class,
                            approved.get("type").asText(), file.revision()));
                    assertThat(keptOutsideTheStore).as("read from a dead letter or a held event").isEqualTo(event);
                }));
    }

    @Test
    void everyApprovedFormIsOfAnEventTypeTheDomainStillHas() {
        Map<String, Class<?>> types = eventTypesBySimpleName();
        assertThat(approvedFiles()).allSatisfy(file -> assertThat(types)
                .as("%s is approved, but the domain has no event type %s any more. Stores and mirrored topics "
                        + "still hold its events: keep the type (it may be deprecated), or add an upcaster that "
                        + "turns it into another type before removing both", relative(file.path()), file.type())
                .containsKey(file.type()));
    }

    @Test
    void everyEventOfTheDomainDeclaresARevision() {
        assertThat(classesIn(DOMAIN, new RegexPatternTypeFilter(Pattern.compile(".*Event"))).stream()
                .filter(Class::isRecord))
                .allSatisfy(type -> assertThat(type.isAnnotationPresent(Revision.class))
                        .as("%s has no @Revision: every event declares one from day one (@Revision(\"1\")), so "
                                + "that its later forms can be told apart", type.getName())
                        .isTrue());
    }

    private JsonNode currentForm(Class<?> type) {
        SerializedObject<byte[]> serialized = serializer.serialize(RepresentativeEvents.of(type), byte[].class);
        ObjectNode form = JSON.createObjectNode();
        form.put("type", serialized.getType().getName());
        form.put("revision", serialized.getType().getRevision());
        try {
            form.set("payload", JSON.readTree(serialized.getData()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return form;
    }

    private static String currentRevision(Class<?> type) {
        return type.getAnnotation(Revision.class).value();
    }

    private static List<Class<?>> eventTypes() {
        return classesIn(DOMAIN, new AnnotationTypeFilter(Revision.class)).stream()
                .sorted(Comparator.comparing(Class::getName)).toList();
    }

    private static Map<String, Class<?>> eventTypesBySimpleName() {
        Map<String, Class<?>> types = eventTypes().stream()
                .collect(Collectors.toMap(Class::getSimpleName, Function.identity(), (a, b) -> {
                    throw new AssertionError("Two event types named " + a.getSimpleName() + " (" + a.getName()
                            + ", " + b.getName() + "): their approved forms would share a file");
                }, TreeMap::new));
        return types;
    }

    private static List<Class<?>> classesIn(List<String> basePackages, TypeFilter filter) {
        return basePackages.stream().flatMap(basePackage -> classesIn(basePackage, filter).stream()).toList();
    }

    private static List<Class<?>> classesIn(String basePackage, TypeFilter filter) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                return definition.getMetadata().isIndependent();
            }
        };
        scanner.addIncludeFilter(filter);
        return scanner.findCandidateComponents(basePackage).stream().<Class<?>>map(definition -> {
            try {
                return Class.forName(definition.getBeanClassName());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    record ApprovedFile(Path path, String type, String revision) {
    }

    private static List<ApprovedFile> approvedFiles() {
        Path directory = approvedDirectory();
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.sorted().map(path -> {
                var matcher = FILE_NAME.matcher(path.getFileName().toString());
                assertThat(matcher.matches()).as("%s is not named <EventType>-<revision>.json", relative(path))
                        .isTrue();
                return new ApprovedFile(path, matcher.group("type"), matcher.group("revision"));
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path approvedFile(String type, String revision) {
        return approvedDirectory().resolve(type + "-" + revision + ".json");
    }

    /** In the sources, not in target/: approving writes files to commit. */
    private static Path approvedDirectory() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
                .resolve("src/test/resources/approved-events");
    }

    private static String relative(Path file) {
        return "application/insurer/src/test/resources/approved-events/" + file.getFileName();
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private static boolean isOlder(String revision, String current) {
        try {
            return Long.parseLong(revision) < Long.parseLong(current);
        } catch (NumberFormatException e) {
            return !revision.equals(current);
        }
    }

    private static String next(String revision) {
        try {
            return String.valueOf(Long.parseLong(revision) + 1);
        } catch (NumberFormatException e) {
            return "<next>";
        }
    }

    /** Field by field, what differs between two forms. */
    private static List<String> differences(String path, JsonNode approved, JsonNode actual) {
        List<String> differences = new ArrayList<>();
        if (approved.isObject() && actual.isObject()) {
            approved.fieldNames().forEachRemaining(field -> {
                String at = path + "/" + field;
                if (!actual.has(field)) {
                    differences.add("  removed " + at + " (was " + approved.get(field) + ")");
                } else {
                    differences.addAll(differences(at, approved.get(field), actual.get(field)));
                }
            });
            actual.fieldNames().forEachRemaining(field -> {
                if (!approved.has(field)) {
                    differences.add("  added   " + path + "/" + field + " = " + actual.get(field));
                }
            });
        } else if (!approved.equals(actual)) {
            differences.add("  changed " + path + ": " + approved + " -> " + actual);
        }
        return differences;
    }

    /**
     * The fields of {@code expected} missing from {@code actual} or of another kind, and the fields {@code actual}
     * has on top, at every level. An explicit null stands for any value: an upcaster may say a field is unknown.
     */
    private static List<String> shapeDifferences(String path, JsonNode expected, JsonNode actual) {
        List<String> differences = new ArrayList<>();
        if (actual.isNull()) {
            return differences;
        }
        if (expected.getNodeType() != actual.getNodeType()) {
            differences.add(path + ": " + expected.getNodeType() + " expected, " + actual.getNodeType() + " read");
        } else if (expected.isObject()) {
            expected.fieldNames().forEachRemaining(field -> differences.addAll(
                    Optional.ofNullable(actual.get(field))
                            .map(value -> shapeDifferences(path + "/" + field, expected.get(field), value))
                            .orElse(List.of(path + "/" + field + " missing"))));
            actual.fieldNames().forEachRemaining(field -> {
                if (!expected.has(field)) {
                    differences.add(path + "/" + field + " not in the current form");
                }
            });
        }
        return differences;
    }
}
