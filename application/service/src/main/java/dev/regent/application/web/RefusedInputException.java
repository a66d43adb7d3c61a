package dev.regent.application.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * A value of a request body that breaks an input rule. Thrown while the body is read, so Jackson adds the path of
 * the field it belongs to, which the answer names.
 */
class RefusedInputException extends MismatchedInputException {

    private final String reason;

    RefusedInputException(JsonParser parser, Class<?> targetType, String reason) {
        super(parser, reason, targetType);
        this.reason = reason;
    }

    String reason() {
        return reason;
    }
}
