package dev.regent.application.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class RequestFingerprintTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void givenTheSameJsonWithFieldsInAnotherOrderAndOtherSpacing_thenTheFingerprintIsTheSame() {
        assertThat(of("POST /customers", "{\"name\":\"Ann\",\"address\":{\"city\":\"Lyon\",\"zip\":\"69001\"}}"))
                .isEqualTo(of("POST /customers", "{ \"address\" : {\"zip\":\"69001\", \"city\":\"Lyon\"},\n"
                        + "  \"name\" : \"Ann\" }"));
    }

    @Test
    void givenAnotherValueMethodOrPath_thenTheFingerprintDiffers() {
        String first = of("POST /customers", "{\"name\":\"Ann\",\"tags\":[\"a\",\"b\"]}");

        assertThat(of("POST /customers", "{\"name\":\"Anne\",\"tags\":[\"a\",\"b\"]}")).isNotEqualTo(first);
        assertThat(of("POST /customers", "{\"name\":\"Ann\",\"tags\":[\"b\",\"a\"]}")).isNotEqualTo(first);
        assertThat(of("PUT /customers", "{\"name\":\"Ann\",\"tags\":[\"a\",\"b\"]}")).isNotEqualTo(first);
        assertThat(of("POST /policies", "{\"name\":\"Ann\",\"tags\":[\"a\",\"b\"]}")).isNotEqualTo(first);
    }

    @Test
    void givenABodyThatIsNotJson_thenItsBytesCount() {
        assertThat(of("POST /x", "not json {")).isEqualTo(of("POST /x", "not json {"))
                .isNotEqualTo(of("POST /x", "not json  {")).hasSize(64);
        assertThat(of("POST /x", "123 then more")).isNotEqualTo(of("POST /x", "123 and else"));
        assertThat(of("DELETE /x", "")).isNotEqualTo(of("DELETE /y", ""));
    }

    private static String of(String requestLine, String body) {
        return RequestFingerprint.of(requestLine, body.getBytes(StandardCharsets.UTF_8), JSON);
    }
}
