package dev.regent.infrastructure.ownership;

import dev.regent.domain.ownership.HomeOwnership;
import dev.regent.domain.ownership.NativeOwnership;
import dev.regent.domain.ownership.StaticOwnership;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The aggregate types of this deployment: every class in the configured packages that declares an ownership rule.
 * Declaring the rule is all a domain team does; Regent registers the aggregate with Axon.
 */
public record OwnedAggregates(List<Class<?>> types) {

    public static OwnedAggregates scan(Collection<String> packages) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(
                    org.springframework.beans.factory.annotation.AnnotatedBeanDefinition definition) {
                return definition.getMetadata().isConcrete() && definition.getMetadata().isIndependent();
            }
        };
        scanner.addIncludeFilter(new AnnotationTypeFilter(StaticOwnership.class));
        scanner.addIncludeFilter(new AnnotationTypeFilter(HomeOwnership.class));
        scanner.addIncludeFilter(new AnnotationTypeFilter(NativeOwnership.class));
        Set<Class<?>> types = new LinkedHashSet<>();
        for (String basePackage : packages) {
            for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
                types.add(ClassUtils.resolveClassName(candidate.getBeanClassName(), OwnedAggregates.class.getClassLoader()));
            }
        }
        if (types.isEmpty()) {
            throw new IllegalStateException("No aggregate with an ownership rule found in " + packages
                    + " (regent.aggregate-packages)");
        }
        return new OwnedAggregates(types.stream().sorted(Comparator.comparing(Class::getName)).toList());
    }
}
