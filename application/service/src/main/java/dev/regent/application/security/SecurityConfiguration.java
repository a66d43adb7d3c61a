package dev.regent.application.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.peer.PeerIdentity;
import dev.regent.infrastructure.peer.PeerZone;
import dev.regent.infrastructure.region.RegentProperties;
import jakarta.servlet.DispatcherType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationProvider;
import org.springframework.security.web.authentication.preauth.RequestHeaderAuthenticationFilter;
import org.springframework.security.core.userdetails.UserDetailsByNameServiceWrapper;

import java.util.Optional;

/**
 * Two filter chains. The peer listener: only other regions, identified by their certificate, and only
 * {@code /internal/**}. The public listener: bearer tokens, a scope per kind of endpoint, nothing internal.
 * Stateless both: no session, no cookie, hence no CSRF to defend against.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);
    private static final String PEER = "PEER";

    @Bean
    ProblemResponses problemResponses(ObjectMapper objectMapper, Region localRegion) {
        return new ProblemResponses(objectMapper, localRegion);
    }

    /**
     * Spring Security's firewall refuses methods, paths and headers no application should see (an unknown method,
     * an encoded slash or NUL in the path, a header value with control characters): said as a problem too, without
     * echoing what was refused.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ProblemResponses problems) {
        return (request, response, rejected) -> problems.write(response, HttpStatus.BAD_REQUEST, "Bad request",
                "The request has a method, path, header or parameter that is not allowed");
    }

    @Bean
    @Order(1)
    SecurityFilterChain peerZoneChain(HttpSecurity http, PeerZone zone, RegentProperties properties, Region localRegion,
                                 ProblemResponses problems) throws Exception {
        UserDetailsService regions = name -> {
            boolean peer = properties.allRegions().stream().anyMatch(region -> region.name().equals(name))
                    && !localRegion.name().equals(name);
            if (!peer) {
                throw new UsernameNotFoundException("Not a peer region: " + name);
            }
            return User.withUsername(name).password("").roles(PEER).build();
        };
        http.securityMatcher(zone::arrivedOnPeerListener);
        stateless(http);
        if (zone.secure()) {
            http.x509(x509 -> x509
                    .x509PrincipalExtractor(certificate -> PeerIdentity.regionOf(certificate).orElse(null))
                    .userDetailsService(regions));
        } else {
            http.addFilter(insecurePeerHeader(regions));
        }
        return http
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems.peerUnauthenticated())
                        .accessDeniedHandler(problems.peerForbidden()))
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(PeerZone.PATH_PREFIX + "**").hasRole(PEER)
                        .anyRequest().denyAll())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain publicApiChain(HttpSecurity http, SecurityProperties security, Optional<JwtDecoder> jwtDecoder,
                                  ProblemResponses problems) throws Exception {
        stateless(http);
        http.exceptionHandling(errors -> errors.authenticationEntryPoint(problems.unauthenticated())
                .accessDeniedHandler(problems.forbidden()));
        if (security.insecure()) {
            return http.authorizeHttpRequests(requests -> requests
                    .requestMatchers(PeerZone.PATH_PREFIX + "**").denyAll()
                    .anyRequest().permitAll()).build();
        }
        return http
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(PeerZone.PATH_PREFIX + "**").denyAll()
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/**").hasAuthority(Scopes.authority(Scopes.OPERATE))
                        .requestMatchers("/audit/**", "/residency/**").hasAuthority(Scopes.authority(Scopes.AUDIT))
                        .requestMatchers("/projections/**", "/reconciliation/**", "/dead-letters/**", "/containment/**",
                                "/ownership/transfers", "/ownership/*/transfer", "/ownership/*/fenced-writes",
                                "/region/instances")
                        .hasAuthority(Scopes.authority(Scopes.OPERATE))
                        .requestMatchers(HttpMethod.GET, "/customers/**", "/policies/**", "/claims/**",
                                "/requests/**", "/ownership/**").hasAuthority(Scopes.authority(Scopes.READ))
                        .requestMatchers("/customers/**", "/policies/**", "/claims/**")
                        .hasAuthority(Scopes.authority(Scopes.WRITE))
                        .anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.decoder(jwtDecoder.orElseThrow())
                                .jwtAuthenticationConverter(authorities(security.jwt())))
                        .authenticationEntryPoint(problems.unauthenticated())
                        .accessDeniedHandler(problems.forbidden()))
                .build();
    }

    /** Only when tokens are checked; refuses to start without an issuer and keys unless told to run insecure. */
    @Bean
    JwtDecoder jwtDecoder(SecurityProperties security, Region localRegion) {
        if (security.insecure()) {
            log.warn("""

                    ************************************************************************************
                    INSECURE: region {} checks no token: anyone can read, write, audit and operate
                    (REGENT_INSECURE / regent.security.insecure). Never in production.
                    ************************************************************************************""",
                    localRegion);
            return token -> {
                throw new org.springframework.security.oauth2.jwt.BadJwtException("Tokens are not checked here");
            };
        }
        if (!security.jwt().configured()) {
            throw new IllegalStateException("Callers authenticate with bearer tokens, and this region does not know "
                    + "whose: set regent.security.jwt.issuer (REGENT_JWT_ISSUER) and either "
                    + "regent.security.jwt.jwk-set-uri (REGENT_JWT_JWK_SET_URI, your identity provider's keys) or "
                    + "regent.security.jwt.jwk-set (REGENT_JWT_JWK_SET), or set REGENT_INSECURE=true on a laptop.");
        }
        return JwtDecoders.from(security.jwt());
    }

    private static JwtAuthenticationConverter authorities(SecurityProperties.Jwt settings) {
        JwtGrantedAuthoritiesConverter scopes = new JwtGrantedAuthoritiesConverter();
        scopes.setAuthoritiesClaimName(settings.authoritiesClaim());
        scopes.setAuthorityPrefix("SCOPE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(scopes);
        converter.setPrincipalClaimName(settings.principalClaim());
        return converter;
    }

    private static void stateless(HttpSecurity http) throws Exception {
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .securityContext(context -> context.requireExplicitSave(true))
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable);
    }

    /** Insecure mode: a peer is whoever the header says. Only ever installed when TLS is off, and logged. */
    private static RequestHeaderAuthenticationFilter insecurePeerHeader(UserDetailsService regions) {
        PreAuthenticatedAuthenticationProvider provider = new PreAuthenticatedAuthenticationProvider();
        provider.setPreAuthenticatedUserDetailsService(new UserDetailsByNameServiceWrapper<>(regions));
        AuthenticationManager manager = provider::authenticate;
        RequestHeaderAuthenticationFilter filter = new RequestHeaderAuthenticationFilter();
        filter.setPrincipalRequestHeader(PeerZone.INSECURE_PEER_HEADER);
        filter.setExceptionIfHeaderMissing(false);
        filter.setAuthenticationManager(manager);
        return filter;
    }
}
