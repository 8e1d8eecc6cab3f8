package com.mpac.pgw.webhook;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.mpac.contracts.id.Ids;
import com.mpac.pgw.merchant.MerchantDirectory;
import com.mpac.pgw.merchant.WebhookSubscription;

import tools.jackson.databind.json.JsonMapper;

/**
 * Records an event in the caller's transaction, with one delivery per endpoint that wants it: the merchant's own
 * endpoints and the platform subscribers (svc-smarttab), which receive every merchant's events. If the change
 * rolls back, so does the event; if it commits, the dispatcher delivers it at least once.
 */
@Component
public class WebhookOutbox {

    private final WebhookRepository repository;
    private final MerchantDirectory merchants;
    private final WebhookProperties properties;
    private final JsonMapper json;
    private final Clock clock;

    WebhookOutbox(WebhookRepository repository, MerchantDirectory merchants, WebhookProperties properties,
            JsonMapper json, Clock clock) {
        this.repository = repository;
        this.merchants = merchants;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String merchantId, String type, Object object) {
        String id = Ids.next("evt");
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id", id);
        payload.put("object", "event");
        payload.put("type", type);
        payload.put("created", clock.instant().getEpochSecond());
        payload.put("merchant_id", merchantId);
        payload.put("data", Map.of("object", object));
        repository.insertEvent(id, merchantId, type, json.writeValueAsString(payload));
        for (WebhookSubscription subscription : merchants.webhookSubscriptions(merchantId)) {
            if (subscription.wants(type)) {
                repository.insertDelivery(id, subscription.endpointId());
            }
        }
        for (WebhookProperties.PlatformSubscriber subscriber : properties.platformSubscribers()) {
            repository.insertDelivery(id, subscriber.endpointId());
        }
    }
}
