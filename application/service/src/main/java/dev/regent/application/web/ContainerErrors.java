package dev.regent.application.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Problems for errors no controller answered: the servlet container's own (a path it cannot decode, a request line
 * or header too long, a body too large) and errors dispatched to the error page. The container's message is not
 * repeated (it may quote the request); the status says what kind of error it was.
 */
final class ContainerErrors {

    private ContainerErrors() {
    }

    static ProblemDetail problem(int status, Throwable failure, String request, ProblemWriter writer) {
        // The status decides: a 400 for a header too large comes with the container's exception, and is no fault.
        if (status == 500) {
            return Problems.unexpected(failure, request, writer.region());
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error " + status : known.getReasonPhrase();
        return Problems.of(HttpStatusCode.valueOf(status), title, detail(status), writer.region());
    }

    private static String detail(int status) {
        return switch (status) {
            case 400 -> "The request could not be read: its path, encoding or headers are malformed or too long";
            case 404 -> "Nothing is served at this path";
            case 405 -> "This path does not accept this method";
            case 413 -> "The request body is too large";
            case 414 -> "The request's path is too long";
            case 431 -> "The request's headers are too large";
            case 501 -> "This method is not implemented";
            case 503 -> "The service is not available now; try again shortly";
            default -> "The request was refused";
        };
    }
}
