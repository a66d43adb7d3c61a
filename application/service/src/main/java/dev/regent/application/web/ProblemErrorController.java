package dev.regent.application.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

import java.io.IOException;

/**
 * The error page (Spring Boot's {@code /error}, which the container forwards to): a problem, whatever the request
 * asked to accept, instead of Boot's JSON or white-label HTML.
 */
@Controller
class ProblemErrorController implements ErrorController {

    private final ProblemWriter problems;

    ProblemErrorController(ProblemWriter problems) {
        this.problems = problems;
    }

    @RequestMapping("${server.error.path:${error.path:/error}}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        // Asked for directly, the error page is just a path that serves nothing.
        int code = status instanceof Integer value ? value : 404;
        problems.write(response, ContainerErrors.problem(code, failure,
                request.getMethod() + " " + (path == null ? request.getRequestURI() : path), problems));
    }
}
