package dev.regent.application.web;

/** The optional body of an operator action: why it is done, kept with who did it. */
public record OperatorRequest(String reason) {

    public static String reasonOf(OperatorRequest request) {
        return request == null ? null : request.reason();
    }
}
