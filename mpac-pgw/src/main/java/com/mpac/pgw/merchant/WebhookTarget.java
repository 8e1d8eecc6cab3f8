package com.mpac.pgw.merchant;

/** Where and with which {@code whsec_} secret to deliver an event. */
public record WebhookTarget(String endpointId, String url, String secret) {

    @Override
    public String toString() {
        return "WebhookTarget[" + endpointId + ", " + url + "]";
    }
}
