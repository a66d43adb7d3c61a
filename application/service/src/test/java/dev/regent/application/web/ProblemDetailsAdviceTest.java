package dev.regent.application.web;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.routing.RemoteCommandRejectedException;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemDetailsAdviceTest {

    private final ObjectMapper json = Jackson2ObjectMapperBuilder.json().build();
    private final ProblemDetailsAdvice advice = new ProblemDetailsAdvice(Region.of("us"), json);

    @Test
    void theOwnersProblemIsAnsweredWithItsStatusAndFields_andTheCallersOwnPath() throws Exception {
        String ownersAnswer = "{\"type\":\"about:blank\",\"title\":\"Invalid email\",\"status\":400,"
                + "\"detail\":\"email: 'x' is not an e-mail address\",\"instance\":\"/internal/commands\","
                + "\"region\":\"eu\",\"errors\":[{\"field\":\"email\",\"message\":\"'x' is not an e-mail address\"}]}";

        var answer = advice.rejectedByOwner(new RemoteCommandRejectedException(Region.of("eu"), 400, ownersAnswer));

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        ProblemDetail problem = answer.getBody();
        assertThat(problem.getTitle()).isEqualTo("Invalid email");
        assertThat(problem.getDetail()).isEqualTo("email: 'x' is not an e-mail address");
        assertThat(problem.getType()).isEqualTo(URI.create("about:blank"));
        assertThat(problem.getInstance()).as("Spring fills in the caller's request path").isNull();
        assertThat(problem.getProperties()).containsEntry("region", "eu")
                .containsEntry("errors", List.of(Map.of("field", "email", "message", "'x' is not an e-mail address")));
    }

    @Test
    void anUnreadableAnswerFromTheOwnerIsABadGatewayNamingTheOwner() {
        var answer = advice.rejectedByOwner(new RemoteCommandRejectedException(Region.of("eu"), 500, "<html>oops"));

        assertThat(answer.getStatusCode().value()).isEqualTo(502);
        assertThat(answer.getBody().getProperties()).containsEntry("ownerRegion", "eu");
    }

    @Test
    void anUnexpectedFailureTellsOnlyACorrelationId_whichTheLogLineCarriesWithTheCause() {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger problems = (Logger) LoggerFactory.getLogger(Problems.class);
        problems.addAppender(log);
        try {
            ProblemDetail problem = advice.unexpected(new IllegalStateException("row 42 of regent_view: Amélie"),
                    new ServletWebRequest(new MockHttpServletRequest("POST", "/customers")));

            assertThat(problem.getStatus()).isEqualTo(500);
            String id = (String) problem.getProperties().get("correlationId");
            assertThat(id).matches("[0-9a-f]{16}");
            assertThat(problem.getDetail()).contains(id).doesNotContain("IllegalStateException")
                    .doesNotContain("regent_view").doesNotContain("Amélie");
            assertThat(log.list).singleElement().satisfies(line -> {
                assertThat(line.getFormattedMessage()).contains("correlationId=" + id).contains("/customers");
                assertThat(line.getThrowableProxy().getMessage()).isEqualTo("row 42 of regent_view: Amélie");
            });
        } finally {
            problems.detachAppender(log);
        }
    }

    @Test
    void anyOther5xxGetsACorrelationIdToo() {
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "Owner region unavailable",
                "eu did not answer", Region.of("us"));

        assertThat(problem.getProperties()).containsKey("correlationId").containsEntry("region", "us");
        assertThat(Problems.of(HttpStatus.BAD_REQUEST, "Invalid", "x", Region.of("us")).getProperties())
                .doesNotContainKey("correlationId");
    }
}
