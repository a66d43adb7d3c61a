package dev.regent.application.idempotency;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;

/**
 * Holds an answer's body back until it is kept. An answer sent with {@code sendError} is rendered later by the
 * container, out of reach: it is never kept.
 */
final class AnswerCapture extends ContentCachingResponseWrapper {

    private boolean errorSent;

    AnswerCapture(HttpServletResponse response) {
        super(response);
    }

    @Override
    public void sendError(int status) throws IOException {
        errorSent = true;
        super.sendError(status);
    }

    @Override
    public void sendError(int status, String message) throws IOException {
        errorSent = true;
        super.sendError(status, message);
    }

    boolean errorSent() {
        return errorSent;
    }
}
