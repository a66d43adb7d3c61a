package dev.regent.application.web;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * At start: every text field of every public request body (a record taken as {@code @RequestBody} by a
 * {@code @RestController}, outside {@code /internal/}) has a length limit. A field no {@link RequestFieldLimits}
 * names stops the service, naming it: an unlimited field would be bounded by the body size alone.
 */
final class RequestFieldsCheck implements SmartInitializingSingleton {

    private final ApplicationContext context;
    private final RequestFields fields;

    RequestFieldsCheck(ApplicationContext context, RequestFields fields) {
        this.context = context;
        this.fields = fields;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<String> unlimited = unlimitedFields(context.getBeansWithAnnotation(RestController.class).values()
                .stream().map(AopUtils::getTargetClass).toList(), fields);
        if (!unlimited.isEmpty()) {
            throw new IllegalStateException("Request fields without a length limit: " + unlimited + ". Declare a "
                    + RequestFieldLimits.class.getSimpleName() + " bean naming each (README, \"Input rules\")");
        }
    }

    static List<String> unlimitedFields(List<Class<?>> controllers, RequestFields fields) {
        TreeSet<String> unlimited = new TreeSet<>();
        for (Class<?> controller : controllers) {
            for (Method method : controller.getDeclaredMethods()) {
                RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(method, RequestMapping.class);
                if (mapping == null || Arrays.stream(mapping.path()).anyMatch(path -> path.startsWith("/internal/"))) {
                    continue;
                }
                for (Parameter parameter : method.getParameters()) {
                    if (parameter.isAnnotationPresent(RequestBody.class) && parameter.getType().isRecord()) {
                        for (RecordComponent component : parameter.getType().getRecordComponents()) {
                            if (component.getType() == String.class && !fields.isListed(component.getName())) {
                                unlimited.add(parameter.getType().getSimpleName() + "." + component.getName());
                            }
                        }
                    }
                }
            }
        }
        return List.copyOf(unlimited);
    }
}
