package com.mpac.payreq.payment;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

import tools.jackson.databind.json.JsonMapper;

import com.mpac.payreq.paymentrequest.WebSocketTokens;

/**
 * The merchant's real-time updates. A client connects to {@code /ws/PaymentRequest?token=<webSocketToken>}; a
 * token that is no request's is refused at the handshake (401). On connecting it receives a {@code connected}
 * message with the request's usage and status, then one {@code transaction} message per payment on the hosted
 * page (approved or declined), sent after the payment committed. Sessions are held by the instance a client
 * connected to; payments reach every instance through PostgreSQL's NOTIFY ({@link PaymentNotifications}), so a
 * client hears the payments any instance takes.
 */
@Component
public class PaymentUpdates {

    private static final Logger log = LoggerFactory.getLogger(PaymentUpdates.class);
    private static final String REQUEST_ID = "paymentRequestId";

    private final PaymentRepository repository;
    private final JsonMapper json;
    private final Map<UUID, Set<WebSocketSession>> sessions = new ConcurrentHashMap<>();
    private final Handler handler = new Handler();

    PaymentUpdates(PaymentRepository repository, JsonMapper json) {
        this.repository = repository;
        this.json = json;
    }

    public WebSocketHandler handler() {
        return handler;
    }

    public HandshakeInterceptor handshake() {
        return new TokenHandshake();
    }

    /** The {@code transaction} message of a payment, as every client of its request receives it. */
    String message(Payment payment) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "transaction");
        message.put("paymentRequestID", payment.paymentRequestId().toString());
        message.put("transactionID", payment.transactionId().toString());
        message.put("result", payment.approved() ? "APPROVED" : "DECLINED");
        message.put("paymentMethod", payment.method());
        message.put("amount", payment.amount());
        message.put("taxAmount", payment.taxAmount());
        message.put("tipAmount", payment.tipAmount());
        message.put("totalAmount", payment.totalAmount());
        message.put("maskedPAN", payment.maskedPan());
        message.put("cardBrand", payment.cardBrand());
        message.put("processorReference", payment.processorReference());
        message.put("declineReason", payment.declineReason());
        message.put("currentUsageCount", payment.currentUsageCount());
        message.put("usageCountLimit", payment.usageCountLimit());
        message.put("status", payment.status());
        return json.writeValueAsString(message);
    }

    /** Sends a message to the clients of its request connected to this instance. */
    void deliver(String message) {
        UUID id;
        try {
            id = UUID.fromString(json.readTree(message).path("paymentRequestID").asString(""));
        }
        catch (RuntimeException ex) {
            log.warn("Ignored an unreadable payment notification");
            return;
        }
        Set<WebSocketSession> clients = sessions.get(id);
        if (clients == null || clients.isEmpty()) {
            return;
        }
        TextMessage text = new TextMessage(message);
        for (WebSocketSession client : clients) {
            send(client, text);
        }
    }

    private static void send(WebSocketSession client, TextMessage text) {
        try {
            client.sendMessage(text);
        }
        catch (IOException | IllegalStateException ex) {
            log.info("WebSocket client {} could not be sent an update: {}", client.getId(), ex.getMessage());
        }
    }

    private final class Handler extends TextWebSocketHandler {

        @Override
        public void afterConnectionEstablished(WebSocketSession session) {
            UUID id = (UUID) session.getAttributes().get(REQUEST_ID);
            WebSocketSession client = new ConcurrentWebSocketSessionDecorator(session, 5_000, 256 * 1024);
            sessions.computeIfAbsent(id, key -> ConcurrentHashMap.newKeySet()).add(client);
            repository.find(id).ifPresent(request -> {
                Map<String, Object> message = new LinkedHashMap<>();
                message.put("type", "connected");
                message.put("paymentRequestID", id.toString());
                message.put("currentUsageCount", request.currentUsageCount());
                message.put("usageCountLimit", request.usageCountLimit());
                message.put("status", request.status().code());
                send(client, new TextMessage(json.writeValueAsString(message)));
            });
        }

        @Override
        protected void handleTextMessage(WebSocketSession session, TextMessage message) {
            // Clients only listen; what they send is ignored.
        }

        @Override
        public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
            UUID id = (UUID) session.getAttributes().get(REQUEST_ID);
            Set<WebSocketSession> clients = sessions.get(id);
            if (clients != null) {
                clients.removeIf(client -> client.getId().equals(session.getId()));
                sessions.computeIfPresent(id, (key, set) -> set.isEmpty() ? null : set);
            }
        }
    }

    private final class TokenHandshake implements HandshakeInterceptor {

        @Override
        public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
                WebSocketHandler wsHandler, Map<String, Object> attributes) {
            String token = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams().getFirst("token");
            var id = token == null || token.isBlank() ? java.util.Optional.<UUID>empty()
                    : repository.requestIdForToken(WebSocketTokens.hash(token));
            if (id.isEmpty()) {
                response.setStatusCode(HttpStatus.UNAUTHORIZED);
                return false;
            }
            attributes.put(REQUEST_ID, id.get());
            return true;
        }

        @Override
        public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
                Exception exception) {
        }
    }
}
