package com.mpac.portal.session;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The address throttling and the audit log attribute a request to: the TCP peer, never {@code X-Forwarded-For}, which
 * any client can set. Behind a trusted reverse proxy, configure {@code server.forward-headers-strategy=native} (with
 * the proxy's addresses as {@code server.tomcat.remoteip.internal-proxies}) so the servlet container itself replaces
 * the peer address with the client's, and only for requests that came through that proxy.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServletRequest request) {
        return request.getRemoteAddr();
    }
}
