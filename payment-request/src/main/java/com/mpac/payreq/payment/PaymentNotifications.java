package com.mpac.payreq.payment;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Fans payments out to every instance: a payment's transaction sends a NOTIFY on {@link #CHANNEL} (delivered only if
 * it commits), and each instance LISTENs on one connection of its own and hands what arrives to its WebSocket
 * clients. The connection is held for as long as the service runs (one of the pool's); if it breaks, the listener
 * reconnects with a growing pause, and payments committed meanwhile are not re-sent (clients read them with GET).
 */
@Component
class PaymentNotifications implements SmartLifecycle {

    static final String CHANNEL = "payreq_payment";
    private static final Logger log = LoggerFactory.getLogger(PaymentNotifications.class);
    private static final int POLL_MILLIS = 500;

    private final DataSource dataSource;
    private final PaymentUpdates updates;
    private volatile boolean running;
    private Thread listener;

    PaymentNotifications(DataSource dataSource, PaymentUpdates updates) {
        this.dataSource = dataSource;
        this.updates = updates;
    }

    @Override
    public void start() {
        running = true;
        listener = Thread.ofVirtual().name("payreq-payment-listener").start(this::listen);
    }

    @Override
    public void stop() {
        running = false;
        if (listener != null) {
            listener.interrupt();
            try {
                listener.join(Duration.ofSeconds(5));
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        Duration pause = Duration.ofMillis(200);
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                PGConnection postgres = connection.unwrap(PGConnection.class);
                pause = Duration.ofMillis(200);
                while (running) {
                    PGNotification[] notifications = postgres.getNotifications(POLL_MILLIS);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            updates.deliver(notification.getParameter());
                        }
                    }
                }
            }
            catch (SQLException | RuntimeException ex) {
                if (!running) {
                    return;
                }
                log.warn("Payment notifications interrupted, listening again in {}: {}", pause, ex.getMessage());
                try {
                    Thread.sleep(pause);
                }
                catch (InterruptedException interrupted) {
                    return;
                }
                pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30)
                        : pause.multipliedBy(2);
            }
        }
    }
}
