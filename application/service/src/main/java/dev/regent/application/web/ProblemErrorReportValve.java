package dev.regent.application.web;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.beans.factory.ObjectProvider;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tomcat's error report, at the host: what the container refuses before any servlet runs (a path with {@code %2F}
 * or {@code %00}, a request line or header too long, a malformed header) is answered as a problem instead of
 * Tomcat's HTML page.
 */
class ProblemErrorReportValve extends ErrorReportValve {

    private final ObjectProvider<ProblemWriter> problems;

    ProblemErrorReportValve(ObjectProvider<ProblemWriter> problems) {
        this.problems = problems;
    }

    @Override
    protected void report(Request request, Response response, Throwable failure) {
        int status = response.getStatus();
        // As Tomcat's own: only an error nobody has written an answer for, and only while the answer can be sent.
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        ProblemWriter writer = problems.getObject();
        String body = writer.text(ContainerErrors.problem(status, failure,
                request.getMethod() + " " + request.getDecodedRequestURI(), writer));
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer out = response.getReporter();
            if (out != null) {
                out.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException unsent) {
            // The client is gone or the response cannot take a body: nothing more to do.
        }
    }
}
