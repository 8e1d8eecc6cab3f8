package com.mpac.payreq.payment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The hosted page's own script and stylesheet, served from {@code /pay/assets/} and pinned in the page with
 * Subresource Integrity: the SHA-384 of the very bytes served, computed once at start-up.
 */
@Component
class PageAssets {

    static final String SCRIPT = "/pay/assets/payment-page.js";
    static final String STYLE = "/pay/assets/payment-page.css";

    private final String scriptIntegrity = integrity(SCRIPT);
    private final String styleIntegrity = integrity(STYLE);

    String script() {
        return SCRIPT;
    }

    String style() {
        return STYLE;
    }

    String scriptIntegrity() {
        return scriptIntegrity;
    }

    String styleIntegrity() {
        return styleIntegrity;
    }

    private static String integrity(String path) {
        try (InputStream in = new ClassPathResource("static" + path).getInputStream()) {
            byte[] digest = MessageDigest.getInstance("SHA-384").digest(in.readAllBytes());
            return "sha384-" + Base64.getEncoder().encodeToString(digest);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("The hosted page's asset " + path + " is missing", ex);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-384 is part of every JDK", ex);
        }
    }
}
