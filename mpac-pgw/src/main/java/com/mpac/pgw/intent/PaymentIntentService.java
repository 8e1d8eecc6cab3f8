package com.mpac.pgw.intent;

import java.time.Clock;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.mpac.contracts.id.Ids;
import com.mpac.contracts.problem.ApiException;
import com.mpac.contracts.problem.ProblemTypes;
import com.mpac.pgw.merchant.MerchantDirectory;
import com.mpac.pgw.webhook.WebhookOutbox;

/** Creating and reading PaymentIntents; what moves money is in {@link PaymentIntentLifecycle}. */
@Service
class PaymentIntentService {

    private final PaymentIntentRepository intents;
    private final ProviderTransactionRepository transactions;
    private final MerchantDirectory merchants;
    private final PaymentMethodChoice methods;
    private final WebhookOutbox outbox;
    private final Clock clock;

    PaymentIntentService(PaymentIntentRepository intents, ProviderTransactionRepository transactions,
            MerchantDirectory merchants, PaymentMethodChoice methods, WebhookOutbox outbox, Clock clock) {
        this.intents = intents;
        this.transactions = transactions;
        this.merchants = merchants;
        this.methods = methods;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    PaymentIntentResponse create(PaymentCaller caller, PaymentIntentRequests.Create request) {
        String merchantId = caller.merchantId();
        if (!merchants.isActive(merchantId)) {
            throw new ApiException(ProblemTypes.FORBIDDEN, "The merchant is not active.");
        }
        String currency = checkedCurrency(request.currency());
        checkStoreAndTerminal(merchantId, request.storeId(), request.terminalId());
        String id = Ids.next("pi");
        PaymentIntent intent = new PaymentIntent(id, merchantId, request.storeId(), request.terminalId(),
                request.amount(), currency,
                request.captureMethod() == null ? CaptureMethod.AUTOMATIC : request.captureMethod(),
                request.merchantReference(), request.description(),
                request.metadata() == null ? Map.of() : request.metadata(), ClientSecrets.newSecret(id),
                clock.instant(), PaymentIntentStatus.REQUIRES_PAYMENT_METHOD);
        if (request.provider() != null || request.paymentMethod() != null) {
            PaymentMethodChoice.Choice choice = methods.choose(merchantId, request.provider(), request.paymentMethod());
            intent.provider = choice.provider().value();
            intent.paymentMethod = choice.paymentMethod();
            intent.status = PaymentIntentStatus.REQUIRES_CONFIRMATION;
        }
        intents.insert(intent);
        PaymentIntentResponse response = PaymentIntentResponse.of(intent, true);
        outbox.record(merchantId, "payment_intent.created", PaymentIntentResponse.of(intent, false));
        return response;
    }

    PaymentIntentResponse get(PaymentCaller caller, String id) {
        caller.requireAccessTo(id);
        return PaymentIntentResponse.of(find(caller, id), true);
    }

    ListResponse<PaymentIntentResponse> list(PaymentIntentQuery query) {
        for (String cursor : new String[] { query.startingAfter(), query.endingBefore() }) {
            if (cursor != null && !intents.exists(query.merchantId(), cursor)) {
                throw new ApiException(ProblemTypes.VALIDATION_FAILED, "No such PaymentIntent to page from: " + cursor);
            }
        }
        PaymentIntentRepository.Page page = intents.list(query);
        return ListResponse.of(page.intents().stream().map(intent -> PaymentIntentResponse.of(intent, true)).toList(),
                page.hasMore());
    }

    ListResponse<TransactionResponse> transactions(PaymentCaller caller, String id) {
        caller.requireAccessTo(id);
        find(caller, id);
        List<TransactionResponse> data = transactions.listForIntent(id).stream().map(TransactionResponse::of)
                .toList();
        return ListResponse.of(data, false);
    }

    private PaymentIntent find(PaymentCaller caller, String id) {
        return intents.find(caller.merchantId(), id).orElseThrow(() -> notFound(id));
    }

    static ApiException notFound(String id) {
        return new ApiException(ProblemTypes.NOT_FOUND, "No such PaymentIntent: " + id);
    }

    /** ISO 4217 codes Java knows with a fixed exponent (XXX, XAU and the like have none and are refused). */
    private static String checkedCurrency(String code) {
        try {
            if (Currency.getInstance(code).getDefaultFractionDigits() >= 0) {
                return code;
            }
        }
        catch (IllegalArgumentException ex) {
            // falls through to the 400
        }
        throw new ApiException(ProblemTypes.VALIDATION_FAILED, "currency: '" + code + "' is not an ISO 4217 currency "
                + "with minor units.", Map.of("field", "currency"));
    }

    private void checkStoreAndTerminal(String merchantId, String storeId, String terminalId) {
        if (terminalId != null && storeId == null) {
            throw new ApiException(ProblemTypes.VALIDATION_FAILED, "terminal_id needs the store_id it belongs to.");
        }
        if (storeId != null && !merchants.hasStore(merchantId, storeId)) {
            throw new ApiException(ProblemTypes.VALIDATION_FAILED, "store_id: no such store of this merchant.");
        }
        if (terminalId != null && !merchants.hasTerminal(merchantId, storeId, terminalId)) {
            throw new ApiException(ProblemTypes.VALIDATION_FAILED, "terminal_id: no such terminal in this store.");
        }
    }

    static Instant seconds(Long epochSeconds) {
        return epochSeconds == null ? null : Instant.ofEpochSecond(epochSeconds);
    }
}
