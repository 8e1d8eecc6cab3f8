package com.mpac.portal.registry;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.mpac.contracts.problem.ApiException;
import com.mpac.contracts.problem.ProblemTypes;

/**
 * Where a node sits in the tenant tree, for features that hang off it (users, API keys, API users): its ancestors
 * and status. {@link #visible} answers 404 for a node outside the actor's scope, exactly as for one that does not
 * exist, so ids of other tenants cannot be probed.
 */
@Component
public class Registry {

    public enum Kind {
        PSP, MERCHANT, STORE, TERMINAL
    }

    /** A node with its own id, its ancestors' ids (null above it) and its status. */
    public record Node(Kind kind, String id, String pspId, String merchantId, String storeId, String status) {

        public boolean isActive() {
            return "ACTIVE".equals(status);
        }
    }

    private final JdbcClient jdbc;

    Registry(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Node> find(Kind kind, String id) {
        if (id == null || id.length() > 64) {
            return Optional.empty();
        }
        String sql = switch (kind) {
            case PSP -> "SELECT psp_id AS id, psp_id, NULL AS merchant_id, NULL AS store_id, status FROM psp"
                    + " WHERE psp_id = :id";
            case MERCHANT -> "SELECT merchant_id AS id, psp_id, merchant_id, NULL AS store_id, status FROM merchant"
                    + " WHERE merchant_id = :id";
            case STORE -> "SELECT s.store_id AS id, m.psp_id, s.merchant_id, s.store_id, s.status FROM store s"
                    + " JOIN merchant m ON m.merchant_id = s.merchant_id WHERE s.store_id = :id";
            case TERMINAL -> "SELECT t.terminal_id AS id, m.psp_id, t.merchant_id, t.store_id, t.status"
                    + " FROM terminal t JOIN merchant m ON m.merchant_id = t.merchant_id WHERE t.terminal_id = :id";
        };
        return jdbc.sql(sql).param("id", id)
                .query((rs, n) -> new Node(kind, rs.getString("id"), rs.getString("psp_id"),
                        rs.getString("merchant_id"), rs.getString("store_id"), rs.getString("status")))
                .optional();
    }

    /** The node if the actor may see it; otherwise 404, whether it exists or not. */
    public Node visible(Actor actor, Kind kind, String id) {
        return find(kind, id)
                .filter(node -> actor.sees(node.pspId(), node.merchantId(), node.storeId()))
                .orElseThrow(() -> notFound(kind));
    }

    public static ApiException notFound(Kind kind) {
        String name = switch (kind) {
            case PSP -> "PSP";
            case MERCHANT -> "merchant";
            case STORE -> "store";
            case TERMINAL -> "terminal";
        };
        return new ApiException(ProblemTypes.NOT_FOUND, "No such " + name + ".");
    }
}
