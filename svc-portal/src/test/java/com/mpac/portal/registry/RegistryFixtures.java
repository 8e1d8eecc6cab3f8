package com.mpac.portal.registry;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jwt.JWTClaimsSet;

import org.springframework.jdbc.core.simple.JdbcClient;

import com.mpac.contracts.jwt.TokenKind;
import com.mpac.portal.signing.HumanTokens;
import com.mpac.portal.signing.TokenSigner;
import com.mpac.portal.support.PortalTestTokens;

/**
 * Tenant tree rows for tests, written straight to the database with unique ids (the API is what the tests test),
 * and tokens for every role at a given node.
 */
public final class RegistryFixtures {

    /** One PSP with a merchant, a store and a terminal. */
    public record Tree(String pspId, String merchantId, String storeId, String terminalId) {
    }

    private final JdbcClient jdbc;
    private final PortalTestTokens tokens;
    private final TokenSigner signer;

    public RegistryFixtures(JdbcClient jdbc, HumanTokens humanTokens, TokenSigner signer) {
        this.jdbc = jdbc;
        this.tokens = new PortalTestTokens(humanTokens);
        this.signer = signer;
    }

    public static String unique(String prefix) {
        return prefix + "_t" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    public Tree tree() {
        String psp = psp();
        String merchant = merchant(psp);
        String store = store(merchant);
        return new Tree(psp, merchant, store, terminal(store, merchant));
    }

    public String psp() {
        String id = unique("psp");
        jdbc.sql("INSERT INTO psp (psp_id, name, status) VALUES (:id, :name, 'ACTIVE')")
                .param("id", id).param("name", "PSP " + id).update();
        return id;
    }

    public String merchant(String pspId) {
        String id = unique("mer");
        jdbc.sql("INSERT INTO merchant (merchant_id, psp_id, name, status) VALUES (:id, :psp, :name, 'ACTIVE')")
                .param("id", id).param("psp", pspId).param("name", "Merchant " + id).update();
        return id;
    }

    public String store(String merchantId) {
        String id = unique("sto");
        jdbc.sql("""
                INSERT INTO store (store_id, merchant_id, name, status, address_line1, city, country, timezone)
                VALUES (:id, :merchant, :name, 'ACTIVE', 'Str. 1', 'Chisinau', 'MD', 'Europe/Chisinau')
                """)
                .param("id", id).param("merchant", merchantId).param("name", "Store " + id).update();
        return id;
    }

    public String terminal(String storeId, String merchantId) {
        String id = unique("ter");
        jdbc.sql("INSERT INTO terminal (terminal_id, store_id, merchant_id, status, name) VALUES (:id, :store,"
                + " :merchant, 'PENDING', :name)")
                .param("id", id).param("store", storeId).param("merchant", merchantId).param("name", "Till " + id)
                .update();
        return id;
    }

    public String platformAdmin() {
        return tokens.platformAdmin(unique("usr"));
    }

    public String pspAdmin(Tree tree) {
        return tokens.pspAdmin(unique("usr"), tree.pspId());
    }

    public String merchantAdmin(Tree tree) {
        return tokens.merchantAdmin(unique("usr"), tree.pspId(), tree.merchantId());
    }

    public String storeManager(Tree tree) {
        return tokens.storeUser(unique("usr"), "STORE_MANAGER", tree.pspId(), tree.merchantId(), tree.storeId());
    }

    public String cashier(Tree tree) {
        return tokens.storeUser(unique("usr"), "CASHIER", tree.pspId(), tree.merchantId(), tree.storeId());
    }

    public PortalTestTokens tokens() {
        return tokens;
    }

    /** A valid device token of the tree's terminal: it must be refused wherever a person is expected. */
    public String device(Tree tree) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer("urn:mpac:portal:device").subject(tree.terminalId())
                .audience(List.of("svc-portal", "svc-smarttab", "mpac-pgw", "mia-pos-gateway", "mobilepay-adapter",
                        "mq-pay", "payment-request"))
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600)))
                .jwtID(UUID.randomUUID().toString())
                .claim("client_id", tree.terminalId()).claim("scope", "pos")
                .claim("psp_id", tree.pspId()).claim("merchant_id", tree.merchantId())
                .claim("store_id", tree.storeId())
                .build();
        return "Bearer " + signer.sign(TokenKind.DEVICE, claims);
    }
}
