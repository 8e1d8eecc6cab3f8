package com.mpac.portal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;

import com.mpac.testsupport.TestDatabase;

/**
 * The first platform admin, against a schema of its own holding only the users tables, since "no platform admin yet"
 * cannot be arranged in the database the other tests share.
 */
class AuthFirstPlatformAdminIntegrationTests {

    private static final String PASSWORD = "a long enough admin password";

    private final PasswordEncoder encoder = new PasswordConfig().passwordEncoder();
    private DriverManagerDataSource dataSource;
    private JdbcClient jdbc;

    @BeforeEach
    void freshSchema() {
        TestDatabase.Coordinates db = TestDatabase.get();
        String schema = "first_admin_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        dataSource = new DriverManagerDataSource(db.jdbcUrl(), db.username(), db.password());
        dataSource.setSchema(schema);
        Flyway.configure().dataSource(dataSource).schemas(schema).defaultSchema(schema).createSchemas(true)
                .locations("classpath:db/migration").target("1").load().migrate();
        jdbc = JdbcClient.create(dataSource);
    }

    private PlatformAdminBootstrap bootstrap() {
        return new PlatformAdminBootstrap(jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                encoder, new PasswordPolicy());
    }

    @Test
    void shouldCreateTheFirstPlatformAdminWithAHashedPassword() {
        Optional<String> created = bootstrap().createIfNoneExists(" Admin@Example.test ", PASSWORD);

        assertThat(created).hasValueSatisfying(id -> assertThat(id).startsWith("usr_"));
        var row = jdbc.sql("SELECT email, password_hash, status FROM app_user WHERE user_id = :id")
                .param("id", created.get()).query().singleRow();
        assertThat(row.get("email")).isEqualTo("Admin@Example.test");
        assertThat(row.get("status")).isEqualTo("ACTIVE");
        assertThat((String) row.get("password_hash")).startsWith("{bcrypt}$2").doesNotContain(PASSWORD);
        assertThat(encoder.matches(PASSWORD, (String) row.get("password_hash"))).isTrue();
        assertThat(jdbc.sql("SELECT role FROM role_assignment WHERE user_id = :id").param("id", created.get())
                .query(String.class).list()).containsExactly("PLATFORM_ADMIN");
    }

    @Test
    void shouldDoNothingOnLaterStartsEvenWithOtherSettings() {
        bootstrap().createIfNoneExists("admin@example.test", PASSWORD);

        assertThat(bootstrap().createIfNoneExists("admin@example.test", PASSWORD)).isEmpty();
        assertThat(bootstrap().createIfNoneExists("someone-else@example.test", "another long password")).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM app_user").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void shouldCreateExactlyOneAdminWhenInstancesStartTogether() throws Exception {
        int instances = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        try {
            List<Future<Optional<String>>> results = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                PlatformAdminBootstrap bootstrap = bootstrap();
                Callable<Optional<String>> run = () -> {
                    start.await();
                    return bootstrap.createIfNoneExists("admin@example.test", PASSWORD);
                };
                results.add(pool.submit(run));
            }
            start.countDown();
            long created = 0;
            for (Future<Optional<String>> result : results) {
                created += result.get().isPresent() ? 1 : 0;
            }
            assertThat(created).isEqualTo(1);
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM role_assignment WHERE role = 'PLATFORM_ADMIN'").query(Long.class)
                .single()).isEqualTo(1);
    }

    @Test
    void shouldLeaveAnExistingUserWithTheSameEmailAlone() {
        jdbc.sql("INSERT INTO app_user (user_id, email, password_hash, status) VALUES ('usr_x', 'a@b.test', 'h', "
                + "'ACTIVE')").update();

        assertThat(bootstrap().createIfNoneExists("A@B.test", PASSWORD)).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM role_assignment").query(Long.class).single()).isZero();
    }

    @Test
    void shouldRefuseAPasswordThePolicyRefuses() {
        assertThatThrownBy(() -> bootstrap().createIfNoneExists("admin@example.test", "short"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("MPAC_ADMIN_PASSWORD")
                .hasMessageNotContaining("short");
        assertThat(jdbc.sql("SELECT count(*) FROM app_user").query(Long.class).single()).isZero();
    }

    @Test
    void shouldCreateNothingWhenUnsetAndStopWhenHalfSet() throws Exception {
        FirstPlatformAdmin unset = new FirstPlatformAdmin(jdbc, null, encoder, new PasswordPolicy(), null, "", "");
        unset.run(null);
        assertThat(jdbc.sql("SELECT count(*) FROM app_user").query(Long.class).single()).isZero();

        FirstPlatformAdmin halfSet = new FirstPlatformAdmin(jdbc, null, encoder, new PasswordPolicy(), null,
                "admin@example.test", "");
        assertThatThrownBy(() -> halfSet.run(null)).isInstanceOf(IllegalStateException.class);
        assertThat(jdbc.sql("SELECT count(*) FROM app_user").query(Long.class).single()).isZero();
    }
}
