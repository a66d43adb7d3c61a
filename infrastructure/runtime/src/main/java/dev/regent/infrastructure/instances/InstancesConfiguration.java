package dev.regent.infrastructure.instances;

import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.peer.PeerZone;
import dev.regent.infrastructure.region.RegentProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/** This instance's id, its membership among the region's instances, and the region's leases. */
@Configuration(proxyBeanMethods = false)
public class InstancesConfiguration {

    @Bean
    InstanceId instanceId(Region localRegion) {
        return InstanceId.random(localRegion);
    }

    @Bean
    RegionLeases regionLeases(JdbcTemplate jdbc, InstanceId instanceId, RegentProperties properties) {
        return new RegionLeases(jdbc, instanceId, properties.instances().leaseTtl());
    }

    @Bean
    RegionInstances regionInstances(JdbcTemplate jdbc, Region localRegion, RegionLeases leases,
                                    RegentProperties properties) {
        return new RegionInstances(jdbc, localRegion, leases, properties.instances().heartbeat(),
                properties.instances().forgetAfter());
    }

    /**
     * Once the public listener is up, its URL and the peer listener's, as configured or else this host's name with
     * the ports actually bound.
     */
    @Bean
    ApplicationListener<WebServerInitializedEvent> instanceAddresses(RegionInstances instances,
                                                                     RegentProperties properties, PeerZone zone,
                                                                     @Value("${server.ssl.enabled:false}") boolean ssl) {
        return ready -> {
            if (ready.getApplicationContext().getServerNamespace() != null) {
                return; // a management server of its own, not the public listener
            }
            String host = hostName();
            URI publicUrl = Optional.ofNullable(properties.instances().publicUrl()).orElseGet(() ->
                    URI.create((ssl ? "https" : "http") + "://" + host + ":" + ready.getWebServer().getPort()));
            URI peerUrl = Optional.ofNullable(properties.instances().peerUrl()).orElseGet(() ->
                    URI.create((zone.secure() ? "https" : "http") + "://" + host + ":" + zone.port()));
            instances.announce(publicUrl, peerUrl);
        };
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
