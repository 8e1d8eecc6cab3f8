package com.mpac.portal.apiuser;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.mpac.contracts.id.Ids;
import com.mpac.contracts.problem.ApiException;
import com.mpac.contracts.problem.ProblemType;
import com.mpac.contracts.problem.ProblemTypes;
import com.mpac.portal.apiuser.ApiUserController.ApiUserResponse;
import com.mpac.portal.apiuser.ApiUserController.ApiUserStatus;
import com.mpac.portal.apiuser.ApiUserController.CreateApiUserRequest;
import com.mpac.portal.apiuser.ApiUserController.UpdateApiUserRequest;
import com.mpac.portal.audit.AuditLog.AuditEvent;
import com.mpac.portal.audit.AuditLog;
import com.mpac.portal.auth.PasswordPolicy;
import com.mpac.portal.outbox.ConfigurationOutbox;
import com.mpac.portal.registry.Actor;
import com.mpac.portal.registry.CursorPage;
import com.mpac.portal.registry.Registry.Kind;
import com.mpac.portal.registry.Registry.Node;
import com.mpac.portal.registry.Registry;
import com.mpac.portal.registry.RegistryProblems;
import com.mpac.portal.registry.Sql;
import com.mpac.portal.tenant.TenantScope.Level;

@Service
class ApiUserService {

    /** What one configuration push may carry (MerchantConfiguration: at most 100 API users). */
    static final int MAX_PER_MERCHANT = 100;

    static final ProblemType MAGENSA_NOT_CONFIGURED = new ProblemType("magensa_not_configured", HttpStatus.CONFLICT,
            "Magensa not configured");

    private static final String COLUMNS = """
            a.api_user_id, a.merchant_id, m.magensa_customer_code, a.username, a.status, a.created_at, a.updated_at""";
    private static final String FROM = " FROM merchant_api_user a JOIN merchant m ON m.merchant_id = a.merchant_id";

    private final JdbcClient jdbc;
    private final Registry registry;
    private final PasswordEncoder passwordEncoder;
    private final PasswordPolicy passwordPolicy;
    private final ConfigurationOutbox outbox;
    private final AuditLog audit;

    ApiUserService(JdbcClient jdbc, Registry registry, PasswordEncoder passwordEncoder, PasswordPolicy passwordPolicy,
            ConfigurationOutbox outbox, AuditLog audit) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.passwordEncoder = passwordEncoder;
        this.passwordPolicy = passwordPolicy;
        this.outbox = outbox;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    CursorPage<ApiUserResponse> list(Actor actor, String merchantId, ApiUserStatus status, int limit,
            String startingAfter) {
        merchant(actor, merchantId);
        Sql.Where where = new Sql.Where().and("a.merchant_id = :merchant", "merchant", merchantId)
                .and("a.status = :status", "status", status == null ? null : status.name())
                .and("a.api_user_id > :after", "after", startingAfter);
        List<ApiUserResponse> rows = jdbc.sql("SELECT " + COLUMNS + FROM + where.sql()
                        + " ORDER BY a.api_user_id LIMIT :fetch")
                .params(where.params()).param("fetch", limit + 1)
                .query(ApiUserService::map).list();
        return CursorPage.of(rows, limit, ApiUserResponse::id);
    }

    @Transactional
    ApiUserResponse create(Actor actor, String merchantId, CreateApiUserRequest request, String clientIp) {
        Node merchant = merchant(actor, merchantId);
        outbox.lockMerchant(merchantId);
        String customerCode = jdbc.sql("SELECT coalesce(magensa_customer_code, '') FROM merchant WHERE merchant_id = :id")
                .param("id", merchantId).query(String.class).single();
        if (customerCode.isEmpty()) {
            throw new ApiException(MAGENSA_NOT_CONFIGURED,
                    "Set the merchant's magensaCustomerCode before creating API users.");
        }
        if (request.customerCode() != null && !request.customerCode().equalsIgnoreCase(customerCode)) {
            throw RegistryProblems.invalid("customerCode", "must be the merchant's Magensa customer code");
        }
        passwordPolicy.require("password", request.password());
        long count = jdbc.sql("SELECT count(*) FROM merchant_api_user WHERE merchant_id = :id")
                .param("id", merchantId).query(Long.class).single();
        if (count >= MAX_PER_MERCHANT) {
            throw new ApiException(RegistryProblems.LIMIT_REACHED,
                    "A merchant has at most " + MAX_PER_MERCHANT + " API users.");
        }
        String id = Ids.next("apu");
        try {
            jdbc.sql("""
                    INSERT INTO merchant_api_user (api_user_id, merchant_id, username, password_hash, status)
                    VALUES (:id, :merchant, :username, :hash, 'ACTIVE')
                    """)
                    .param("id", id).param("merchant", merchantId).param("username", request.username())
                    .param("hash", passwordEncoder.encode(request.password()))
                    .update();
        }
        catch (DuplicateKeyException ex) {
            throw usernameTaken();
        }
        outbox.enqueue(merchantId);
        audit.record(new AuditEvent("api_user.created", actor.userId(), id, merchant.pspId(), merchantId, clientIp,
                actor.auditDetails(Map.of("username", request.username()))));
        return find(merchantId, id);
    }

    @Transactional(readOnly = true)
    ApiUserResponse get(Actor actor, String merchantId, String apiUserId) {
        merchant(actor, merchantId);
        return find(merchantId, apiUserId);
    }

    @Transactional
    ApiUserResponse update(Actor actor, String merchantId, String apiUserId, UpdateApiUserRequest request,
            String clientIp) {
        Node merchant = merchant(actor, merchantId);
        outbox.lockMerchant(merchantId);
        ApiUserResponse current = find(merchantId, apiUserId);
        List<String> changed = new ArrayList<>();
        String username = current.username();
        if (request.username() != null && !request.username().equals(current.username())) {
            username = request.username();
            changed.add("username");
        }
        ApiUserStatus status = current.status();
        if (request.status() != null && request.status() != current.status()) {
            status = request.status();
            changed.add("status");
        }
        String hash = null;
        if (request.password() != null) {
            passwordPolicy.require("password", request.password());
            hash = passwordEncoder.encode(request.password());
            changed.add("password");
        }
        if (changed.isEmpty()) {
            return current;
        }
        try {
            jdbc.sql("""
                    UPDATE merchant_api_user SET username = :username, status = :status,
                        password_hash = coalesce(:hash, password_hash), updated_at = now()
                    WHERE api_user_id = :id
                    """)
                    .param("id", apiUserId).param("username", username).param("status", status.name())
                    .param("hash", hash)
                    .update();
        }
        catch (DuplicateKeyException ex) {
            throw usernameTaken();
        }
        outbox.enqueue(merchantId);
        audit.record(new AuditEvent("api_user.updated", actor.userId(), apiUserId, merchant.pspId(), merchantId,
                clientIp, actor.auditDetails(Map.of("fields", changed))));
        return find(merchantId, apiUserId);
    }

    @Transactional
    void delete(Actor actor, String merchantId, String apiUserId, String clientIp) {
        Node merchant = merchant(actor, merchantId);
        outbox.lockMerchant(merchantId);
        ApiUserResponse current = find(merchantId, apiUserId);
        jdbc.sql("DELETE FROM merchant_api_user WHERE api_user_id = :id").param("id", apiUserId).update();
        outbox.enqueue(merchantId);
        audit.record(new AuditEvent("api_user.deleted", actor.userId(), apiUserId, merchant.pspId(), merchantId,
                clientIp, actor.auditDetails(Map.of("username", current.username()))));
    }

    /** The merchant if the actor may manage its API users: merchant admins and above, in scope (else 404). */
    private Node merchant(Actor actor, String merchantId) {
        Node merchant = registry.visible(actor, Kind.MERCHANT, merchantId);
        actor.require(actor.atLeast(Level.MERCHANT));
        return merchant;
    }


    private ApiUserResponse find(String merchantId, String apiUserId) {
        return jdbc.sql("SELECT " + COLUMNS + FROM + " WHERE a.api_user_id = :id AND a.merchant_id = :merchant")
                .param("id", apiUserId).param("merchant", merchantId)
                .query(ApiUserService::map).optional()
                .orElseThrow(() -> new ApiException(ProblemTypes.NOT_FOUND, "No such API user."));
    }

    private static ApiException usernameTaken() {
        return new ApiException(RegistryProblems.ALREADY_IN_USE, "The merchant already has an API user with this "
                + "username.", Map.of("field", "username"));
    }

    private static ApiUserResponse map(ResultSet rs, int row) throws SQLException {
        return new ApiUserResponse(rs.getString("api_user_id"), rs.getString("merchant_id"),
                rs.getString("magensa_customer_code"), rs.getString("username"),
                ApiUserStatus.valueOf(rs.getString("status")), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"));
    }
}
