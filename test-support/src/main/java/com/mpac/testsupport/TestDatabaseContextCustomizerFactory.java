package com.mpac.testsupport;

import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Points every Spring test context at {@link TestDatabase} and gives it the test platform keys. The database is
 * started only when something reads the datasource URL, so slice tests without a database never start one.
 */
class TestDatabaseContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        return new TestDatabaseContextCustomizer();
    }

    private static final class TestDatabaseContextCustomizer implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            ConfigurableEnvironment environment = context.getEnvironment();
            MutablePropertySources sources = environment.getPropertySources();
            TestPlatformPropertySource platform = new TestPlatformPropertySource();
            // Below the test's and the service's own settings, above the platform defaults it stands in for.
            if (sources.contains("mpacDefaults")) {
                sources.addBefore("mpacDefaults", platform);
            }
            else {
                sources.addLast(platform);
            }
        }

        // All instances are alike, so contexts that differ only by this customizer are still cached and shared.
        @Override
        public boolean equals(Object other) {
            return other instanceof TestDatabaseContextCustomizer;
        }

        @Override
        public int hashCode() {
            return TestDatabaseContextCustomizer.class.hashCode();
        }
    }

    private static final class TestPlatformPropertySource extends PropertySource<Object> {

        private static final Map<String, String> FIXED = Map.of(
                "mpac.platform-keys", TestPlatformKeys.setting(),
                "mpac.master-key", TestPlatformKeys.MASTER_KEY);

        TestPlatformPropertySource() {
            super("mpacTestPlatform", new Object());
        }

        @Override
        public Object getProperty(String name) {
            return switch (name) {
                case "spring.datasource.url" -> TestDatabase.get().jdbcUrl();
                case "spring.datasource.username" -> TestDatabase.get().username();
                case "spring.datasource.password" -> TestDatabase.get().password();
                default -> FIXED.get(name);
            };
        }
    }
}
