package dev.regent.application.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Bearer tokens as a bank's review expects them: signed with one of the provider's asymmetric keys (never {@code none}
 * or a shared secret), issued by the configured issuer, for Regent's audience, with an expiry, and not expired.
 */
final class JwtDecoders {

    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
            JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    private JwtDecoders() {
    }

    static JwtDecoder from(SecurityProperties.Jwt settings) {
        NimbusJwtDecoder decoder;
        if (settings.jwkSetUri() != null && !settings.jwkSetUri().isBlank()) {
            decoder = NimbusJwtDecoder.withJwkSetUri(settings.jwkSetUri())
                    .jwsAlgorithms(algorithms -> ALGORITHMS.forEach(algorithm ->
                            algorithms.add(org.springframework.security.oauth2.jose.jws.SignatureAlgorithm.from(
                                    algorithm.getName()))))
                    .build();
        } else {
            DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS,
                    new ImmutableJWKSet<>(keys(settings.jwkSet()))));
            processor.setJWTClaimsSetVerifier((claims, context) -> { }); // the validators below decide
            decoder = new NimbusJwtDecoder(processor);
        }
        decoder.setJwtValidator(validator(settings));
        return decoder;
    }

    static OAuth2TokenValidator<Jwt> validator(SecurityProperties.Jwt settings) {
        return new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(settings.clockSkew()),
                new JwtIssuerValidator(settings.issuer()),
                new JwtClaimValidator<Instant>(JwtClaimNames.EXP, expiry -> expiry != null),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                        audience -> audience != null && audience.contains(settings.audience())));
    }

    /** A JWK set given as JSON text, or as a location to read it from. */
    private static JWKSet keys(String jwkSet) {
        try {
            String json = jwkSet.strip().startsWith("{") ? jwkSet : read(jwkSet.strip());
            JWKSet keys = JWKSet.parse(json);
            if (keys.getKeys().stream().anyMatch(key -> key.isPrivate())) {
                throw new IllegalStateException("regent.security.jwt.jwk-set holds a private key: give the regions "
                        + "the public keys only");
            }
            return keys;
        } catch (ParseException | IOException e) {
            throw new IllegalStateException("regent.security.jwt.jwk-set is not a readable JWK set: "
                    + e.getMessage(), e);
        }
    }

    private static String read(String location) throws IOException {
        try (InputStream in = new DefaultResourceLoader().getResource(location).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
