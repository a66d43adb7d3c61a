package dev.regent.application.web;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestJsonTest {

    record Registration(String name, String description, BigDecimal amount) {
    }

    private static final RequestFields FIELDS = new RequestFields(List.of(RequestFields.PLATFORM,
            new RequestFieldLimits(Map.of("name", 200, "description", 2_000))));

    private final ObjectMapper json = RequestJson.from(Jackson2ObjectMapperBuilder.json().build(), 65_536, FIELDS);

    @Test
    void plainTextAndBoundedAmountsAreRead() throws Exception {
        Registration read = json.readValue("{\"name\":\"Zoë \\ud83d\\ude00\",\"amount\":9999999999999999.99}",
                Registration.class);

        assertThat(read.name()).isEqualTo("Zoë \uD83D\uDE00");
        assertThat(read.amount()).isEqualByComparingTo("9999999999999999.99");
    }

    @Test
    void controlCharactersAndUnpairedSurrogatesAreRefusedNamingTheField() {
        assertRefused("{\"name\":\"A\\u0000B\"}", "name", "contains the control character U+0000 at position 2");
        assertRefused("{\"description\":\"x\\ud800\"}", "description", "unpaired surrogate U+D800");
    }

    @Test
    void textIsBoundedByItsFieldsLimit_andMustBeText() {
        assertRefused("{\"name\":\"" + "n".repeat(201) + "\"}", "name", "must be at most 200 characters");
        assertRefused("{\"name\":12}", "name", "expected text");
        assertRefused("{\"name\":{\"first\":\"Ann\"}}", "name", "expected text");
    }

    @Test
    void amountsBeyondTheirBoundsAreRefusedUnexpanded() {
        for (String amount : new String[]{"1E+5000", "1e400", "1" + "0".repeat(1_199), "1E+999999999999",
                "10000000000000000", "0.001", "1e-400", "\"100\""}) {
            assertThatThrownBy(() -> json.readValue("{\"amount\":" + amount + "}", Registration.class))
                    .as(amount).isInstanceOf(RefusedInputException.class)
                    .satisfies(e -> assertThat(((JsonMappingException) e).getPath().get(0).getFieldName())
                            .isEqualTo("amount"));
        }
    }

    @Test
    void deepNestingDuplicateFieldsAndTrailingTokensAreRefused() {
        assertThatThrownBy(() -> json.readValue("{\"x\":" + "[".repeat(RequestJson.MAX_NESTING + 1)
                + "]".repeat(RequestJson.MAX_NESTING + 1) + "}", Registration.class))
                .isInstanceOf(StreamConstraintsException.class);
        assertThatThrownBy(() -> json.readValue("{\"name\":\"a\",\"name\":\"b\"}", Registration.class))
                .hasMessageContaining("Duplicate field 'name'");
        assertThatThrownBy(() -> json.readValue("{\"name\":\"a\"} {}", Registration.class))
                .hasMessageContaining("Trailing token");
    }

    @Test
    void theServicesOwnMapperIsLeftAsItWas() throws Exception {
        ObjectMapper service = Jackson2ObjectMapperBuilder.json().build();
        RequestJson.from(service, 65_536, FIELDS);

        assertThat(service.readValue("{\"name\":\"A\\u0000B\"}", Registration.class).name()).isEqualTo("A\u0000B");
    }

    private void assertRefused(String body, String field, String reason) {
        assertThatThrownBy(() -> json.readValue(body, Registration.class))
                .isInstanceOf(RefusedInputException.class)
                .satisfies(e -> {
                    assertThat(((RefusedInputException) e).reason()).contains(reason);
                    assertThat(((JsonMappingException) e).getPath().get(0).getFieldName()).isEqualTo(field);
                });
    }
}
