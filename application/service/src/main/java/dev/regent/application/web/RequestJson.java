package dev.regent.application.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.regent.domain.shared.MonetaryAmount;
import dev.regent.domain.shared.Values;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How request bodies are read: the service's JSON settings plus the input rules, for requests only (answers, the
 * event store and the inter-region client keep their own mappers).
 * <ul>
 *   <li>every text: no control character, no unpaired surrogate, at most its field's {@linkplain RequestFields
 *   length}; a number, object or array where text belongs is refused;</li>
 *   <li>every amount: a JSON number of at most {@value MonetaryAmount#MAX_INTEGER_DIGITS} digits before the decimal
 *   point and {@value MonetaryAmount#MAX_DECIMALS} after, read from its text (never expanded: {@code 1E+5000} and a
 *   1,200-digit number are refused as they are);</li>
 *   <li>the document: nested at most {@value #MAX_NESTING} deep, no field twice, nothing after it.</li>
 * </ul>
 * Each refusal names the field ({@link RefusedInputException}); the body size is bounded before (RequestBodyLimit).
 */
final class RequestJson {

    static final int MAX_NESTING = 32;
    private static final int MAX_NAME_LENGTH = 256;
    /** Longer number texts cannot be a bounded amount ("0000…1" included): refused unread. */
    private static final int MAX_AMOUNT_TEXT = 40;

    private RequestJson() {
    }

    /**
     * @param maxBodyBytes the largest body any path accepts: numbers and strings are only bounded by it, so that
     *                     an over-long one reaches the field's own rule (and is named) instead of failing the parse
     */
    static ObjectMapper from(ObjectMapper service, long maxBodyBytes, RequestFields fields) {
        ObjectMapper mapper = service.copy();
        int bound = (int) Math.min(Integer.MAX_VALUE, maxBodyBytes);
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING).maxNameLength(MAX_NAME_LENGTH)
                .maxNumberLength(bound).maxStringLength(bound).build());
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.registerModule(new SimpleModule("regent-input-rules")
                .addDeserializer(String.class, new Text(OptionalInt.empty(), fields))
                .addDeserializer(BigDecimal.class, new Amount()));
        return mapper;
    }

    /** Text as the rules allow it; the field's length limit is found when Jackson tells which field it reads. */
    static final class Text extends StdScalarDeserializer<String> implements ContextualDeserializer {

        private final OptionalInt maxLength;
        private final RequestFields fields;

        Text(OptionalInt maxLength, RequestFields fields) {
            super(String.class);
            this.maxLength = maxLength;
            this.fields = fields;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
            return property == null ? this : new Text(fields.maxLength(property.getName()), fields);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                throw new RefusedInputException(parser, String.class, "expected text");
            }
            String text = parser.getText();
            Optional<String> problem = Values.textProblem(text);
            if (problem.isPresent()) {
                throw new RefusedInputException(parser, String.class, problem.get());
            }
            if (maxLength.isPresent() && text.length() > maxLength.getAsInt()) {
                throw new RefusedInputException(parser, String.class,
                        "must be at most " + maxLength.getAsInt() + " characters");
            }
            return text;
        }
    }

    /** Amounts: bounded digits before and after the point, judged on the number's text. */
    static final class Amount extends StdScalarDeserializer<BigDecimal> {

        private static final String BOUNDS = "must be a number of at most " + MonetaryAmount.MAX_INTEGER_DIGITS
                + " digits before the decimal point and " + MonetaryAmount.MAX_DECIMALS + " after (largest "
                + MonetaryAmount.LARGEST + ")";

        Amount() {
            super(BigDecimal.class);
        }

        @Override
        public BigDecimal deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_NUMBER_INT) && !parser.hasToken(JsonToken.VALUE_NUMBER_FLOAT)) {
                throw new RefusedInputException(parser, BigDecimal.class, "expected a number");
            }
            String text = parser.getText();
            if (text.length() > MAX_AMOUNT_TEXT) {
                throw new RefusedInputException(parser, BigDecimal.class, BOUNDS);
            }
            BigDecimal value;
            try {
                value = new BigDecimal(text);
            } catch (NumberFormatException | ArithmeticException outOfRange) {
                throw new RefusedInputException(parser, BigDecimal.class, BOUNDS);
            }
            // precision - scale: digits before the point, without expanding 1E+5000.
            if (value.precision() - value.scale() > MonetaryAmount.MAX_INTEGER_DIGITS
                    || value.stripTrailingZeros().scale() > MonetaryAmount.MAX_DECIMALS) {
                throw new RefusedInputException(parser, BigDecimal.class, BOUNDS);
            }
            return value;
        }
    }
}
