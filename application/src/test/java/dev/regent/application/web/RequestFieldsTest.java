package dev.regent.application.web;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every text field of every public request body has a documented length limit: none is bounded by the body alone. */
class RequestFieldsTest {

    @Test
    void everyTextFieldOfThePublicApisRequestBodiesHasALengthLimit() {
        List<String> fields = new ArrayList<>();
        List<String> unlisted = new ArrayList<>();
        for (Class<?> body : publicRequestBodies()) {
            for (RecordComponent component : body.getRecordComponents()) {
                if (component.getType() == String.class) {
                    fields.add(component.getName());
                    if (!RequestFields.isListed(component.getName())) {
                        unlisted.add(body.getSimpleName() + "." + component.getName());
                    }
                }
            }
        }
        assertThat(fields).as("the scan found the request bodies").contains("name", "description", "reason");
        assertThat(unlisted).as("text fields without a limit in RequestFields").isEmpty();
    }

    private static List<Class<?>> publicRequestBodies() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(RestController.class));
        List<Class<?>> bodies = new ArrayList<>();
        for (BeanDefinition controller : scanner.findCandidateComponents("dev.regent.application")) {
            Class<?> type = ClassUtils.resolveClassName(controller.getBeanClassName(), null);
            for (Method method : type.getDeclaredMethods()) {
                RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(method, RequestMapping.class);
                if (mapping == null || Arrays.stream(mapping.path()).anyMatch(path -> path.startsWith("/internal/"))) {
                    continue;
                }
                for (Parameter parameter : method.getParameters()) {
                    if (parameter.isAnnotationPresent(RequestBody.class) && parameter.getType().isRecord()) {
                        bodies.add(parameter.getType());
                    }
                }
            }
        }
        return bodies;
    }
}
