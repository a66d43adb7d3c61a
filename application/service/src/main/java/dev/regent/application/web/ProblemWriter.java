package dev.regent.application.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.domain.ownership.Region;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Writes problems where no controller answers: filters, the error page, the container's valve. */
@Component
class ProblemWriter {

    private final ObjectMapper json;
    private final Region localRegion;

    ProblemWriter(ObjectMapper json, Region localRegion) {
        this.json = json;
        this.localRegion = localRegion;
    }

    Region region() {
        return localRegion;
    }

    ProblemDetail tooLarge(long limit) {
        return Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "Request body too large",
                "The request body exceeds " + limit + " bytes; it was not read", localRegion);
    }

    void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        byte[] body = bytes(problem);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    String text(ProblemDetail problem) {
        return new String(bytes(problem), StandardCharsets.UTF_8);
    }

    private byte[] bytes(ProblemDetail problem) {
        try {
            return json.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem could not be written as JSON", e);
        }
    }
}
