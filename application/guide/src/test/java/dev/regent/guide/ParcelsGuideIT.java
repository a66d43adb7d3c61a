package dev.regent.guide;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.lab.LocalTopology;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's guide, "Your first owned aggregate", as it reads: a Spring Boot application with Regent's starter and
 * one plain Axon aggregate, run as two regions, is routed, mirrored and audited. It builds against the starter alone
 * (and the lab, to run the regions).
 */
class ParcelsGuideIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalTopology regions;
    private static String token;

    @BeforeAll
    static void twoRegions() throws IOException {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("eu", freePort());
        ports.put("us", freePort());
        regions = LocalTopology.start(new LocalTopology.Settings(ParcelsApplication.class, ports,
                Files.createTempDirectory("regent-guide-"), true, Map.of()), region -> { });
        token = regions.identity().token("guide", Duration.ofHours(1),
                List.of("regent.read", "regent.write", "regent.audit"));
    }

    @AfterAll
    static void stop() {
        if (regions != null) {
            regions.close();
        }
    }

    @Test
    void aParcelHandedInInUs_isOwnedThere_seenInEu_deliveredThroughEu_andAuditedInUs() throws Exception {
        JsonNode registered = send("us", "POST", "/parcels", "{\"destination\":\"Lyon\"}", 201);
        String id = registered.get("parcelId").asText();
        assertThat(registered.get("ownerRegion").asText()).isEqualTo("us");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(status("eu", "/parcels/" + id))
                .as("mirrored to eu").isEqualTo(200));
        assertThat(send("eu", "GET", "/parcels/" + id, null, 200).get("ownerRegion").asText()).isEqualTo("us");

        assertThat(send("eu", "PUT", "/parcels/" + id + "/delivery", null, 200).asLong())
                .as("routed to its owner, us, which answers the new version").isEqualTo(2);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(send("eu", "GET", "/parcels/" + id, null, 200).get("delivered").asBoolean()).isTrue());

        JsonNode ownership = send("eu", "GET", "/ownership/" + id, null, 200);
        assertThat(ownership.get("ownerRegion").asText()).isEqualTo("us");
        assertThat(ownership.get("rule").asText()).isEqualTo("NATIVE");
        JsonNode trail = send("us", "GET", "/audit/Parcel/" + id, null, 200).get("events");
        assertThat(trail).hasSize(2);
        assertThat(trail.get(1).get("type").asText()).isEqualTo("ParcelDeliveredEvent");
        assertThat(trail.get(1).get("acceptedRegion").asText()).isEqualTo("eu");
        assertThat(trail.get(1).get("originRegion").asText()).isEqualTo("us");
    }

    private static JsonNode send(String region, String method, String path, String body, int expected)
            throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request(region, method, path, body),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
        return JSON.readTree(response.body());
    }

    private static int status(String region, String path) throws IOException, InterruptedException {
        return HTTP.send(request(region, "GET", path, null), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static HttpRequest request(String region, String method, String path, String body) {
        return HttpRequest.newBuilder(URI.create(regions.region(region).url() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
