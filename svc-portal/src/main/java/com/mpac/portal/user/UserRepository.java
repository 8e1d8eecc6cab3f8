package com.mpac.portal.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.mpac.portal.registry.Actor.Role;
import com.mpac.portal.registry.Sql;
import com.mpac.portal.user.UserController.UserStatus;

/** {@code app_user} and {@code role_assignment}, without the password hash except where it is written. */
@Repository
class UserRepository {

    private static final String COLUMNS = """
            u.user_id, u.email, u.status, u.psp_id, u.merchant_id, u.store_id, u.deleted_at, u.created_at,
            u.updated_at,
            coalesce((SELECT string_agg(r.role, ',' ORDER BY r.role) FROM role_assignment r
                      WHERE r.user_id = u.user_id), '') AS roles""";

    /** A user as user management sees it. */
    record UserRow(String id, String email, UserStatus status, Set<Role> roles, String pspId, String merchantId,
            String storeId, boolean deleted, Instant createdAt, Instant updatedAt) {

        boolean isActivePlatformAdmin() {
            return status == UserStatus.ACTIVE && !deleted && roles.contains(Role.PLATFORM_ADMIN);
        }
    }

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<UserRow> list(Sql.Where where, int fetch) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_user u" + where.sql() + " ORDER BY u.user_id LIMIT :fetch")
                .params(where.params()).param("fetch", fetch)
                .query(UserRepository::map).list();
    }

    Optional<UserRow> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_user u WHERE u.user_id = :id").param("id", id)
                .query(UserRepository::map).optional();
    }

    /** The row locked for the rest of the transaction, so concurrent changes to one user apply one after another. */
    Optional<UserRow> lock(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_user u WHERE u.user_id = :id FOR UPDATE OF u")
                .param("id", id).query(UserRepository::map).optional();
    }

    void insert(String id, String email, String passwordHash, String pspId, String merchantId, String storeId) {
        jdbc.sql("""
                INSERT INTO app_user (user_id, email, password_hash, status, psp_id, merchant_id, store_id)
                VALUES (:id, :email, :hash, 'ACTIVE', :psp, :merchant, :store)
                """)
                .param("id", id).param("email", email).param("hash", passwordHash).param("psp", pspId)
                .param("merchant", merchantId).param("store", storeId)
                .update();
    }

    void replaceRoles(String userId, Set<Role> roles) {
        jdbc.sql("DELETE FROM role_assignment WHERE user_id = :id").param("id", userId).update();
        for (Role role : roles) {
            jdbc.sql("INSERT INTO role_assignment (user_id, role) VALUES (:id, :role)")
                    .param("id", userId).param("role", role.name()).update();
        }
    }

    void updateScope(String userId, String pspId, String merchantId, String storeId) {
        jdbc.sql("""
                UPDATE app_user SET psp_id = :psp, merchant_id = :merchant, store_id = :store, updated_at = now()
                WHERE user_id = :id
                """)
                .param("id", userId).param("psp", pspId).param("merchant", merchantId).param("store", storeId)
                .update();
    }

    void updateStatus(String userId, UserStatus status) {
        jdbc.sql("UPDATE app_user SET status = :status, updated_at = now() WHERE user_id = :id")
                .param("id", userId).param("status", status.name()).update();
    }

    void updatePasswordHash(String userId, String passwordHash) {
        jdbc.sql("UPDATE app_user SET password_hash = :hash, updated_at = now() WHERE user_id = :id")
                .param("id", userId).param("hash", passwordHash).update();
    }

    /** Ends the account: disabled, no roles, its address released ({@code .invalid} is reserved, RFC 2606). */
    void markDeleted(String userId) {
        jdbc.sql("DELETE FROM role_assignment WHERE user_id = :id").param("id", userId).update();
        jdbc.sql("""
                UPDATE app_user SET status = 'DISABLED', deleted_at = now(), updated_at = now(),
                    email = user_id || '@deleted.invalid'
                WHERE user_id = :id
                """)
                .param("id", userId).update();
    }

    /**
     * Serialises every change that could leave the platform without an active admin (a transaction-scoped advisory
     * lock), then counts the active platform admins other than {@code userId}.
     */
    long otherActivePlatformAdmins(String userId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('portal.platform_admins'))").query((rs, n) -> 1).single();
        return jdbc.sql("""
                SELECT count(*) FROM app_user u JOIN role_assignment r ON r.user_id = u.user_id
                WHERE r.role = 'PLATFORM_ADMIN' AND u.status = 'ACTIVE' AND u.deleted_at IS NULL
                  AND u.user_id <> :id
                """)
                .param("id", userId).query(Long.class).single();
    }

    private static UserRow map(ResultSet rs, int row) throws SQLException {
        String roles = rs.getString("roles");
        Set<Role> set = EnumSet.noneOf(Role.class);
        if (!roles.isEmpty()) {
            Arrays.stream(roles.split(",")).map(Role::valueOf).forEach(set::add);
        }
        return new UserRow(rs.getString("user_id"), rs.getString("email"), UserStatus.valueOf(rs.getString("status")),
                set, rs.getString("psp_id"), rs.getString("merchant_id"), rs.getString("store_id"),
                rs.getObject("deleted_at") != null, Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }
}
