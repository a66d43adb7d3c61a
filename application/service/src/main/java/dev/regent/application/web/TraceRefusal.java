package dev.regent.application.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * TRACE is refused with a problem. Tomcat refuses it itself with a bare 405 (no body) unless it lets it through,
 * and a servlet answers it by echoing the request; so Tomcat lets it through ({@link EdgeConfiguration}) and this
 * filter, before any servlet, answers it.
 */
class TraceRefusal extends OncePerRequestFilter {

    private final ProblemWriter problems;

    TraceRefusal(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ("TRACE".equals(request.getMethod())) {
            response.setHeader("Allow", "GET, HEAD, POST, PUT, DELETE, OPTIONS");
            problems.write(response, Problems.of(HttpStatus.METHOD_NOT_ALLOWED, "Method Not Allowed",
                    "TRACE is not served", problems.region()));
            return;
        }
        chain.doFilter(request, response);
    }
}
