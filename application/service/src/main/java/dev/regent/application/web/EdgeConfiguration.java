package dev.regent.application.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.catalina.Host;
import org.apache.catalina.core.StandardHost;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.ArrayList;
import java.util.List;

/**
 * The input rules at the edge, in one place: bodies bounded before they are read ({@link RequestBodyLimit}), read by
 * the rules ({@link RequestJson}), path variables and query parameters checked before any controller
 * ({@link RequestParameterRules}), and every error — the container's own included — a problem.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EdgeSettings.class)
class EdgeConfiguration implements WebMvcConfigurer {

    private final ObjectMapper json;
    private final EdgeSettings settings;
    private final RequestFields fields;

    EdgeConfiguration(ObjectMapper json, EdgeSettings settings, List<RequestFieldLimits> limits) {
        this.json = json;
        this.settings = settings;
        List<RequestFieldLimits> all = new ArrayList<>(limits);
        all.add(RequestFields.PLATFORM);
        this.fields = new RequestFields(all);
    }

    @Bean
    RequestFieldsCheck requestFieldsCheck(ApplicationContext context) {
        return new RequestFieldsCheck(context, fields);
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(ProblemWriter problems) {
        FilterRegistrationBean<RequestBodyLimit> registration =
                new FilterRegistrationBean<>(new RequestBodyLimit(settings, problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    FilterRegistrationBean<TraceRefusal> traceRefusal(ProblemWriter problems) {
        FilterRegistrationBean<TraceRefusal> registration = new FilterRegistrationBean<>(new TraceRefusal(problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /**
     * Tomcat's HTML error report replaced, at the host, where errors before any servlet are reported; TRACE let
     * through to {@link TraceRefusal}, which answers it with a problem (Tomcat's own refusal has no body).
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports(
            ObjectProvider<ProblemWriter> problems) {
        return factory -> {
            factory.addConnectorCustomizers(connector -> connector.setAllowTrace(true));
            factory.addContextCustomizers(context -> {
                Host host = (Host) context.getParent();
                if (host instanceof StandardHost standard) {
                    standard.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                }
                host.getPipeline().addValve(new ProblemErrorReportValve(problems));
            });
        };
    }

    /** Only the MVC converters' copy: the inter-region client keeps reading with the service's mapper. */
    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        ObjectMapper requests = RequestJson.from(json, settings.maxInternalBodySize().toBytes(), fields);
        for (int i = 0; i < converters.size(); i++) {
            if (converters.get(i) instanceof MappingJackson2HttpMessageConverter) {
                converters.set(i, new MappingJackson2HttpMessageConverter(requests));
            }
        }
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new RequestParameterRules());
    }
}
