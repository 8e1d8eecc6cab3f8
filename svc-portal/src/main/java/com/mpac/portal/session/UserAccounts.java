package com.mpac.portal.session;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads users for login and sessions ({@code app_user} with its {@code role_assignment}s) and changes the one column
 * login owns, the password hash. Creating and editing users is the users feature's job.
 */
@Component
public class UserAccounts {

    private static final String SELECT = """
            SELECT u.user_id, u.email, u.password_hash, u.status, u.psp_id, u.merchant_id, u.store_id,
                   coalesce(array_to_string(array_agg(r.role ORDER BY r.role) FILTER (WHERE r.role IS NOT NULL), ','),
                            '') AS roles
            FROM app_user u LEFT JOIN role_assignment r ON r.user_id = u.user_id
            """;

    private final JdbcClient jdbc;

    UserAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Emails are unique regardless of case. */
    public Optional<UserAccount> findByEmail(String email) {
        return jdbc.sql(SELECT + " WHERE lower(u.email) = lower(:email) GROUP BY u.user_id")
                .param("email", email)
                .query(UserAccounts::map)
                .optional();
    }

    public Optional<UserAccount> findById(String userId) {
        return jdbc.sql(SELECT + " WHERE u.user_id = :id GROUP BY u.user_id")
                .param("id", userId)
                .query(UserAccounts::map)
                .optional();
    }

    public void updatePasswordHash(String userId, String passwordHash) {
        jdbc.sql("UPDATE app_user SET password_hash = :hash, updated_at = now() WHERE user_id = :id")
                .param("hash", passwordHash).param("id", userId)
                .update();
    }

    private static UserAccount map(ResultSet rs, int row) throws SQLException {
        String roles = rs.getString("roles");
        List<String> roleList = roles.isEmpty() ? List.of() : Arrays.asList(roles.split(","));
        return new UserAccount(rs.getString("user_id"), rs.getString("email"), rs.getString("password_hash"),
                rs.getString("status"), rs.getString("psp_id"), rs.getString("merchant_id"), rs.getString("store_id"),
                roleList);
    }
}
