package dev.regent.application.web;

import dev.regent.domain.ownership.Region;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * How every error answer is built, whoever gives it: the controllers' advice, the error page, the container's valve.
 * A 5xx tells only what a user may see and a correlation id, which is also in the log line that says the rest.
 */
public final class Problems {

    public static final String CORRELATION_ID = "correlationId";

    private static final Logger log = LoggerFactory.getLogger(Problems.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private Problems() {
    }

    public static ProblemDetail of(HttpStatusCode status, String title, String detail, Region region) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setProperty("region", region.name());
        return correlated(problem);
    }

    /** A 400 naming the field and what is wrong with it. */
    public static ProblemDetail invalidField(String field, String message, Region region) {
        ProblemDetail problem = of(HttpStatus.BAD_REQUEST, "Invalid " + field, field + ": " + message, region);
        problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
        return problem;
    }

    /** A fault of this service: the caller learns that, and what to quote; the log gets the cause. */
    public static ProblemDetail unexpected(Throwable cause, String request, Region region) {
        String id = correlationId();
        log.error("Unexpected failure answering {} (correlationId={})", printable(request), id, cause);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The service could not answer this request. Quote correlation id " + id + " to its operators.");
        problem.setTitle("Unexpected failure");
        problem.setProperty("region", region.name());
        problem.setProperty(CORRELATION_ID, id);
        return problem;
    }

    /**
     * Any 5xx gets a correlation id, logged with its title and detail (written for users: an owner that did not
     * answer, a view being rebuilt). Idempotent.
     */
    public static ProblemDetail correlated(ProblemDetail problem) {
        if (problem.getStatus() >= 500 && (problem.getProperties() == null
                || !problem.getProperties().containsKey(CORRELATION_ID))) {
            String id = correlationId();
            problem.setProperty(CORRELATION_ID, id);
            log.info("Answered {} {} (correlationId={}): {}", problem.getStatus(), problem.getTitle(), id,
                    problem.getDetail());
        }
        return problem;
    }

    /** What a client sent, fit for a log line: no line breaks or escapes of its own, and not too long. */
    private static String printable(String text) {
        if (text == null) {
            return "a request";
        }
        String shown = text.length() > 200 ? text.substring(0, 200) + "…" : text;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }

    private static String correlationId() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
