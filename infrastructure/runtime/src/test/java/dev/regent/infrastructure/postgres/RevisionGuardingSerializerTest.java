package dev.regent.infrastructure.postgres;

import dev.regent.insurer.identity.CustomerContactChangedEvent;
import dev.regent.insurer.identity.CustomerId;
import dev.regent.domain.shared.NewerEventRevisionException;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RevisionGuardingSerializerTest {

    private final RevisionGuardingSerializer serializer = new RevisionGuardingSerializer(
            JacksonSerializer.defaultSerializer(), new AnnotationRevisionResolver());

    private final CustomerContactChangedEvent event = new CustomerContactChangedEvent(
            new CustomerId("c-1"), "ada@example.fr", null);

    @Test
    void readsTheRevisionItKnows() {
        SerializedObject<byte[]> current = serializer.serialize(event, byte[].class);

        assertThat(current.getType().getRevision()).isEqualTo("1");
        assertThat((Object) serializer.deserialize(current)).isEqualTo(event);
    }

    @Test
    void refusesANewerRevisionInsteadOfDroppingWhatItAdded() {
        SerializedObject<byte[]> current = serializer.serialize(event, byte[].class);
        SerializedObject<byte[]> newer = new SimpleSerializedObject<>(current.getData(), byte[].class,
                new SimpleSerializedType(current.getType().getName(), "2"));

        assertThatThrownBy(() -> serializer.deserialize(newer))
                .isInstanceOf(NewerEventRevisionException.class)
                .hasMessageContaining("CustomerContactChangedEvent revision 2 is newer than this region knows");
    }

    @Test
    void leavesOlderAndNonNumericRevisionsToTheUpcasters() {
        assertThat(RevisionGuardingSerializer.isNewer("1", "2")).isFalse();
        assertThat(RevisionGuardingSerializer.isNewer("2", "2")).isFalse();
        assertThat(RevisionGuardingSerializer.isNewer("2.0-beta", "1")).isFalse();
        assertThat(RevisionGuardingSerializer.isNewer("3", null)).isFalse();
        assertThat(RevisionGuardingSerializer.isNewer("10", "9")).isTrue();
    }
}
