package dev.regent.application.web;

import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.regent.domain.ownership.Region;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API's JSON: a region is its name. */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

    @Bean
    Module regionsAsNames() {
        return new SimpleModule("regent-regions").addSerializer(Region.class, ToStringSerializer.instance);
    }
}
