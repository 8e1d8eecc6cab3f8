package com.mpac.payreq.config;

import org.apache.tomcat.websocket.server.WsSci;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

import com.mpac.payreq.payment.PaymentUpdates;
import com.mpac.payreq.paymentrequest.WebSocketTokens;

/**
 * The merchant's real-time updates at {@code /ws/PaymentRequest?token=...}. Boot's own WebSocket module is not
 * in the registry at this Boot version, so Tomcat's WebSocket container is started here, as that module would.
 * Any origin may connect: the token, not the origin, is what is checked.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfig implements WebSocketConfigurer {

    private final PaymentUpdates updates;

    WebSocketConfig(PaymentUpdates updates) {
        this.updates = updates;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(updates.handler(), WebSocketTokens.PATH)
                .addInterceptors(updates.handshake())
                .setAllowedOriginPatterns("*");
    }

    @Bean
    static WebServerFactoryCustomizer<TomcatServletWebServerFactory> tomcatWebSocketContainer() {
        return factory -> factory.addContextCustomizers(context -> context.addServletContainerInitializer(new WsSci(),
                null));
    }
}
