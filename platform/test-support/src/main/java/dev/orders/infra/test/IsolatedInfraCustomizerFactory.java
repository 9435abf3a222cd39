package dev.orders.infra.test;

import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/** Puts what {@link IsolatedInfra} made into the test's Spring environment (registered in spring.factories). */
class IsolatedInfraCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        IsolatedInfra wanted = TestContextAnnotationUtils.findMergedAnnotation(testClass, IsolatedInfra.class);
        return wanted == null ? null : new Customizer(wanted);
    }

    /** Equal for equal annotations, so tests that ask for the same share also share a cached context. */
    private record Customizer(IsolatedInfra wanted) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "isolatedInfra", Isolation.of(wanted).properties()));
        }
    }
}
