package dev.regent.application.security;

import dev.regent.infrastructure.peer.PeerIdentity;
import dev.regent.infrastructure.peer.PeerProperties;
import dev.regent.infrastructure.peer.PeerTls;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.jwt.Jwt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What {@code docker/pki} makes is what a region accepts: each region's certificate and key load as its peer
 * identity and name the region, and a token from the demo issuer passes the regions' checks.
 */
class DockerPkiScriptsTest {

    private static final Path SCRIPTS = Path.of("..", "..", "docker", "pki").toAbsolutePath().normalize();

    @TempDir
    static Path out;

    @BeforeAll
    static void makeCertificates() throws Exception {
        assumeTrue(available("openssl"), "openssl is needed by docker/pki");
        assertThat(run(List.of("bash", SCRIPTS.resolve("make-certs.sh").toString())).exitCode).isZero();
    }

    @Test
    void eachRegionsCertificate_loadsAsItsPeerIdentity_andNamesTheRegion() throws Exception {
        for (String region : List.of("eu", "us", "apac")) {
            PeerTls tls = PeerTls.from(new PeerProperties(0, "file:" + out.resolve(region + ".pem"),
                    "file:" + out.resolve(region + "-key.pem"), "file:" + out.resolve("ca.pem"), false));
            assertThat(tls.sslContext()).isNotNull();
            try (InputStream pem = Files.newInputStream(out.resolve(region + ".pem"))) {
                X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(pem);
                assertThat(PeerIdentity.regionOf(certificate)).contains(region);
            }
            assertThat(Files.getPosixFilePermissions(out.resolve(region + "-key.pem")))
                    .as("a key is readable by its owner only")
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
    }

    @Test
    void aTokenFromTheDemoIssuer_passesTheRegionsChecks() throws Exception {
        Result token = run(List.of("bash", SCRIPTS.resolve("make-token.sh").toString(), "ops-alice",
                Scopes.OPERATE, Scopes.READ));
        SecurityProperties.Jwt settings = new SecurityProperties.Jwt("https://regent.demo/issuer", "regent", null,
                "file:" + out.resolve("jwks.json"), "scope", "sub", Duration.ofSeconds(30));

        Jwt jwt = JwtDecoders.from(settings).decode(token.output.strip());

        assertThat(jwt.getSubject()).isEqualTo("ops-alice");
        assertThat(jwt.getClaimAsString("scope")).isEqualTo("regent.operate regent.read");
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
        builder.environment().put("OUT", out.toString());
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private static boolean available(String tool) {
        try {
            return new ProcessBuilder("sh", "-c", "command -v " + tool).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
