package dev.regent.infrastructure.peer;

import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.region.RegentProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The internal listener, its TLS identity and the peer client. Refuses to start without TLS unless told so. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PeerProperties.class)
public class PeerConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PeerConfiguration.class);

    @Bean
    PeerZone peerZone(PeerProperties peer, @Value("${server.port:8080}") int publicPort, Region localRegion) {
        int port = peer.portBeside(publicPort);
        if (peer.insecure()) {
            log.warn("""

                    ************************************************************************************
                    INSECURE: region {} accepts inter-region calls on port {} over plain HTTP from anyone
                    who claims to be a region (REGENT_INSECURE / regent.peer.insecure). Never in production.
                    ************************************************************************************""",
                    localRegion, port);
            return new PeerZone(port, null);
        }
        return new PeerZone(port, PeerTls.from(peer));
    }

    @Bean
    PeerListener peerListener(PeerZone zone) {
        return new PeerListener(zone);
    }

    @Bean
    PeerClient peerClient(RegentProperties properties, Region localRegion, PeerZone zone) {
        return new PeerClient(properties::urlsOf, localRegion, zone, properties.routing().timeout());
    }
}
