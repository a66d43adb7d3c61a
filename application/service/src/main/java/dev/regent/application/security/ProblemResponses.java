package dev.regent.application.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.domain.ownership.Region;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.io.IOException;

/** 401 and 403 as problem documents, with the standard {@code WWW-Authenticate} challenge for bearer tokens. */
final class ProblemResponses {

    private final ObjectMapper json;
    private final Region localRegion;

    ProblemResponses(ObjectMapper json, Region localRegion) {
        this.json = json;
        this.localRegion = localRegion;
    }

    AuthenticationEntryPoint unauthenticated() {
        BearerTokenAuthenticationEntryPoint challenge = new BearerTokenAuthenticationEntryPoint();
        return (request, response, failure) -> {
            challenge.commence(request, response, failure); // sets WWW-Authenticate
            write(response, HttpStatus.UNAUTHORIZED, "Authentication required", failure instanceof
                    org.springframework.security.oauth2.server.resource.InvalidBearerTokenException
                    ? "The bearer token was refused: " + failure.getMessage()
                    : "Send a bearer token (Authorization: Bearer <token>) from your identity provider");
        };
    }

    AccessDeniedHandler forbidden() {
        BearerTokenAccessDeniedHandler challenge = new BearerTokenAccessDeniedHandler();
        return (request, response, denied) -> {
            challenge.handle(request, response, denied);
            write(response, HttpStatus.FORBIDDEN, "Not allowed", "Your token does not grant the scope this "
                    + "request needs (Regent's scopes: " + String.join(", ", Scopes.ALL) + ")");
        };
    }

    /** On the peer listener: a caller that is not an authenticated peer, or a path that is not a peer's. */
    AuthenticationEntryPoint peerUnauthenticated() {
        return (request, response, failure) -> write(response, HttpStatus.UNAUTHORIZED, "Peer not authenticated",
                "Only another region, with its certificate, may call this listener");
    }

    AccessDeniedHandler peerForbidden() {
        return (request, response, denied) -> write(response, HttpStatus.FORBIDDEN, "Not allowed",
                "Nothing here for this caller");
    }

    void write(HttpServletResponse response, HttpStatus status, String title, String detail) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setProperty("region", localRegion.name());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
