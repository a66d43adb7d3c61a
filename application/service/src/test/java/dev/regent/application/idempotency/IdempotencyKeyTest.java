package dev.regent.application.idempotency;

import dev.regent.application.idempotency.IdempotencyKey.InvalidKeyException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdempotencyKeyTest {

    @Test
    void givenABareOrAQuotedKey_thenItIsTheKey() {
        assertThat(IdempotencyKey.of(List.of("8e03978e-40d5-43e8-bc93-6894a57f9324")).value())
                .isEqualTo("8e03978e-40d5-43e8-bc93-6894a57f9324");
        assertThat(IdempotencyKey.of(List.of("\"8e03978e-40d5\"")).value()).isEqualTo("8e03978e-40d5");
        assertThat(IdempotencyKey.of(List.of("k".repeat(255))).value()).hasSize(255);
    }

    @Test
    void givenAKeyTooLongEmptyOrWithControlCharacters_thenItIsRefusedSayingWhy() {
        assertThatThrownBy(() -> IdempotencyKey.of(List.of("k".repeat(256))))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("at most 255");
        assertThatThrownBy(() -> IdempotencyKey.of(List.of("\"\"")))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("empty");
        for (String withControl : List.of("a\tb", "a\u0000b", "a\u007fb", "a\nb", "clé")) {
            assertThatThrownBy(() -> IdempotencyKey.of(List.of(withControl))).as(withControl)
                    .isInstanceOf(InvalidKeyException.class).hasMessageContaining("printable ASCII");
        }
    }

    @Test
    void givenTwoKeysOnOneRequest_thenItIsRefused() {
        assertThatThrownBy(() -> IdempotencyKey.of(List.of("a", "b")))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("one Idempotency-Key");
    }
}
