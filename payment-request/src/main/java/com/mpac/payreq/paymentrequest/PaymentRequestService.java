package com.mpac.payreq.paymentrequest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.mpac.contracts.crypto.SecretCipher;
import com.mpac.contracts.qr.QrCodeImage;
import com.mpac.payreq.config.PaymentRequestProperties;
import com.mpac.payreq.error.ErrorCode;
import com.mpac.payreq.error.PaymentRequestException;
import com.mpac.payreq.merchant.ApiCaller;
import com.mpac.payreq.paymentrequest.PaymentRequestRepository.Row;
import com.mpac.payreq.paymentrequest.PaymentRequestRepository.Terms;
import com.mpac.payreq.paymentrequest.PaymentRequestResponses.Created;
import com.mpac.payreq.paymentrequest.PaymentRequestResponses.Info;
import com.mpac.payreq.paymentrequest.PaymentRequestResponses.Summary;
import com.mpac.payreq.paymentrequest.PaymentRequestResponses.SummaryList;

/** Creating, listing, reading and replacing a merchant's payment requests. */
@Service
class PaymentRequestService {

    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 1000;
    static final int DEFAULT_DAYS = 60;
    static final Duration DEFAULT_VALIDITY = Duration.ofDays(60);
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999.99");
    /** GET and PUT answer the latest this many payments of a request, with the count of all of them. */
    static final int MAX_TRANSACTIONS = 100;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final PaymentRequestRepository repository;
    private final PaymentRequestProperties properties;
    private final SecretCipher cipher;
    private final JsonMapper json;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    PaymentRequestService(PaymentRequestRepository repository, PaymentRequestProperties properties,
            SecretCipher cipher, JsonMapper json) {
        this.repository = repository;
        this.properties = properties;
        this.cipher = cipher;
        this.json = json;
        this.clock = Clock.systemUTC();
    }

    @Transactional(readOnly = true)
    SummaryList list(ApiCaller caller, String ds, String de, String ps, String pn, String st) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate start = ds == null ? today.minusDays(DEFAULT_DAYS) : WireDates.day("ds", ds);
        LocalDate end = de == null ? today : WireDates.day("de", de);
        if (end.isBefore(start)) {
            throw PaymentRequestException.invalid("de must not be before ds.");
        }
        int size = ps == null ? DEFAULT_PAGE_SIZE : integer("ps", ps, 1, MAX_PAGE_SIZE);
        int number = pn == null ? 1 : integer("pn", pn, 1, Integer.MAX_VALUE);
        Integer status = st == null ? null : integer("st", st, 0, 4);
        Instant from = start.atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant to = end.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        long total = repository.count(caller.merchantId(), from, to, status);
        long pages = Math.max(1, (total + size - 1) / size);
        if (number > pages) {
            throw PaymentRequestException.invalid("pn must be between 1 and " + pages + " (the number of pages).");
        }
        List<Summary> requests = repository.page(caller.merchantId(), from, to, status, size,
                (long) (number - 1) * size).stream().map(PaymentRequestService::summary).toList();
        return new SummaryList(magTranId(), total, requests);
    }

    @Transactional
    Created create(ApiCaller caller, PaymentRequestBody body) {
        Terms terms = terms(body, null);
        UUID id = UUID.randomUUID();
        byte[] tokenBytes = new byte[32];
        random.nextBytes(tokenBytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(tokenBytes);
        repository.insert(caller.merchantId(), id, terms, properties.currency().getCurrencyCode(),
                WebSocketTokens.hash(token), cipher.encrypt(token, WebSocketTokens.context(id)));
        String url = paymentUrl(id);
        return new Created(magTranId(), id.toString(), url, token, webSocketUrl(token),
                "data:image/png;base64," + Base64.getEncoder().encodeToString(QrCodeImage.png(url)));
    }

    @Transactional(readOnly = true)
    Info get(ApiCaller caller, String id) {
        UUID uuid = uuid(id);
        return info(repository.find(caller.merchantId(), uuid).orElseThrow(PaymentRequestException::notFound));
    }

    /**
     * The full update. Once the request has taken a payment, only what does not rewrite that payment may change:
     * {@code isEnabled}, {@code expirationDate} and {@code usageCountLimit} (0, or not below the usage count);
     * anything else that differs is 409 {@code PaymentRequestAlreadyUsed}. The row lock keeps a payment from
     * slipping in between the check and the update.
     */
    @Transactional
    Info update(ApiCaller caller, String id, PaymentRequestBody body) {
        UUID uuid = uuid(id);
        // Another merchant's id is 404 whatever the body holds.
        Row held = repository.lock(caller.merchantId(), uuid).orElseThrow(PaymentRequestException::notFound);
        Terms terms = terms(body, held.terms().activationDate());
        if (held.currentUsageCount() > 0) {
            if (!paidTerms(held.terms()).equals(paidTerms(terms))) {
                throw new PaymentRequestException(ErrorCode.PaymentRequestAlreadyUsed, "This payment request has "
                        + "already been used (" + held.currentUsageCount() + " payment(s)); only isEnabled, "
                        + "expirationDate and usageCountLimit may change.");
            }
            if (terms.usageCountLimit() != 0 && terms.usageCountLimit() < held.currentUsageCount()) {
                throw new PaymentRequestException(ErrorCode.PaymentRequestAlreadyUsed, "usageCountLimit must be 0 or "
                        + "at least the current usage count (" + held.currentUsageCount() + ").");
            }
        }
        repository.update(caller.merchantId(), uuid, terms);
        return info(repository.find(caller.merchantId(), uuid).orElseThrow(PaymentRequestException::notFound));
    }

    /**
     * What a shopper has paid for: every field but isEnabled, expirationDate and usageCountLimit. additionalInfo
     * is compared as parsed JSON: PostgreSQL prints jsonb as {@code ["a", "b"]}, Jackson writes {@code ["a","b"]}.
     */
    private List<Object> paidTerms(Terms t) {
        return java.util.Arrays.asList(t.transactionType(), t.customerTranId(), t.customerTranRef(), t.amount(),
                t.taxAmount(), t.taxPercent(), json.readTree(t.additionalInfo()), t.miscData(), t.processorName(),
                t.promptForTax(), t.promptForTips(), t.termsAndTransactionInfo(), t.activationDate());
    }

    private Info info(Row row) {
        Terms t = row.terms();
        String token = cipher.decrypt(row.tokenSealed(), WebSocketTokens.context(row.id()));
        return new Info(magTranId(), row.id().toString(), t.transactionType(), t.customerTranId(),
                t.customerTranRef(), t.amount(), t.taxAmount(), t.taxPercent(), json.readTree(t.additionalInfo()),
                t.miscData(), t.processorName(), t.promptForTax(), t.promptForTips(), t.termsAndTransactionInfo(),
                t.usageCountLimit(), row.currentUsageCount(), t.isEnabled(), WireDates.withOffset(row.dateCreated()),
                WireDates.local(t.activationDate()), WireDates.local(t.expirationDate()), row.status(),
                paymentUrl(row.id()), token, webSocketUrl(token), repository.transactions(row.id(), MAX_TRANSACTIONS),
                repository.transactionCount(row.id()));
    }

    private static Summary summary(Row row) {
        Terms t = row.terms();
        return new Summary(row.id().toString(), t.transactionType(), t.customerTranId(), t.customerTranRef(),
                t.amount(), t.usageCountLimit(), row.currentUsageCount(), t.isEnabled(),
                WireDates.withOffset(row.dateCreated()), WireDates.local(t.activationDate()),
                WireDates.local(t.expirationDate()), row.status());
    }

    /** The body validated; an absent activationDate is {@code heldActivation} (PUT) or now (POST). */
    private Terms terms(PaymentRequestBody body, Instant heldActivation) {
        if (body == null) {
            throw PaymentRequestException.invalid("A JSON body is required.");
        }
        int transactionType = body.transactionType() == null ? 1 : body.transactionType();
        if (transactionType != 1 && transactionType != 2) {
            throw PaymentRequestException.invalid("transactionType must be 1 (sale) or 2 (authorization only).");
        }
        int scale = properties.scale();
        BigDecimal amount = money("amount", body.amount(), scale);
        if (amount == null || amount.signum() <= 0) {
            throw PaymentRequestException.invalid("amount is required and must be greater than 0.");
        }
        BigDecimal taxAmount = money("taxAmount", body.taxAmount(), scale);
        taxAmount = taxAmount == null ? BigDecimal.ZERO.setScale(scale) : taxAmount;
        BigDecimal taxPercent = body.taxPercent() == null ? BigDecimal.ZERO : body.taxPercent();
        if (taxPercent.signum() < 0 || taxPercent.compareTo(HUNDRED) > 0
                || taxPercent.stripTrailingZeros().scale() > 3) {
            throw PaymentRequestException.invalid("taxPercent must be between 0 and 100 with at most 3 decimals.");
        }
        taxPercent = taxPercent.setScale(3, RoundingMode.UNNECESSARY);
        if (taxPercent.signum() > 0) {
            BigDecimal percentOfAmount = amount.multiply(taxPercent).divide(HUNDRED, scale, RoundingMode.HALF_UP);
            if (taxAmount.signum() == 0) {
                taxAmount = percentOfAmount;
            }
            else if (taxAmount.compareTo(percentOfAmount) != 0) {
                throw PaymentRequestException.invalid("taxAmount must be amount × taxPercent / 100 rounded to "
                        + scale + " decimals (" + percentOfAmount + ") when both are given.");
            }
        }
        if (taxAmount.compareTo(amount) > 0) {
            throw PaymentRequestException.invalid("taxAmount must not be greater than amount.");
        }
        boolean promptForTips = Boolean.TRUE.equals(body.promptForTips());
        // What the page may charge at most (the tip goes up to the amount) must fit the stored totals.
        BigDecimal largestTotal = amount.add(taxAmount).add(promptForTips ? amount : BigDecimal.ZERO);
        if (largestTotal.compareTo(MAX_AMOUNT) > 0) {
            throw PaymentRequestException.invalid("amount + taxAmount" + (promptForTips ? " + the largest tip "
                    + "(amount)" : "") + " must be at most " + MAX_AMOUNT + ".");
        }
        JsonNode additionalInfo = body.additionalInfo();
        if (additionalInfo != null && !additionalInfo.isNull() && (!additionalInfo.isArray()
                || additionalInfo.size() > 50)) {
            throw PaymentRequestException.invalid("additionalInfo must be a JSON array of at most 50 items.");
        }
        String additional = additionalInfo == null || additionalInfo.isNull() ? "[]"
                : json.writeValueAsString(additionalInfo);
        if (additional.length() > 16_384) {
            throw PaymentRequestException.invalid("additionalInfo must be at most 16384 characters as JSON.");
        }
        int usageCountLimit = body.usageCountLimit() == null ? 0 : body.usageCountLimit();
        if (usageCountLimit < 0 || usageCountLimit > 1_000_000) {
            throw PaymentRequestException.invalid("usageCountLimit must be between 0 (unlimited) and 1000000.");
        }
        // PostgreSQL keeps microseconds: truncated here, an unchanged 7-digit (.NET) time compares equal to the held.
        Instant activation = micros(WireDates.parse("activationDate", body.activationDate()));
        activation = activation != null ? activation : heldActivation != null ? heldActivation : micros(clock.instant());
        Instant expiration = micros(WireDates.parse("expirationDate", body.expirationDate()));
        expiration = expiration == null ? activation.plus(DEFAULT_VALIDITY) : expiration;
        if (!expiration.isAfter(activation)) {
            throw PaymentRequestException.invalid("expirationDate must be after activationDate.");
        }
        return new Terms(transactionType, text("customerTranID", body.customerTranID(), 100),
                text("customerTranRef", body.customerTranRef(), 100), amount, taxAmount, taxPercent, additional,
                text("miscData", body.miscData(), 1000), text("processorName", body.processorName(), 100),
                Boolean.TRUE.equals(body.promptForTax()), promptForTips,
                text("termsAndTransactionInfo", body.termsAndTransactionInfo(), 4000), usageCountLimit,
                !Boolean.FALSE.equals(body.isEnabled()), activation, expiration);
    }

    private static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    private static BigDecimal money(String field, BigDecimal value, int scale) {
        if (value == null) {
            return null;
        }
        if (value.signum() < 0 || value.compareTo(MAX_AMOUNT) > 0 || value.stripTrailingZeros().scale() > scale) {
            throw PaymentRequestException.invalid(field + " must be between 0 and " + MAX_AMOUNT + " with at most "
                    + scale + " decimals.");
        }
        return value.setScale(scale, RoundingMode.UNNECESSARY);
    }

    private static String text(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw PaymentRequestException.invalid(field + " must be at most " + max + " characters.");
        }
        return value;
    }

    private static int integer(String parameter, String value, int min, int max) {
        int parsed;
        try {
            parsed = Integer.parseInt(value.trim());
        }
        catch (NumberFormatException ex) {
            throw PaymentRequestException.invalid(parameter + " must be an integer" + range(min, max) + ".");
        }
        if (parsed < min || parsed > max) {
            throw PaymentRequestException.invalid(parameter + " must be" + range(min, max) + ".");
        }
        return parsed;
    }

    private static String range(int min, int max) {
        return max == Integer.MAX_VALUE ? " of at least " + min : " between " + min + " and " + max;
    }

    private static UUID uuid(String id) {
        try {
            UUID uuid = UUID.fromString(Objects.requireNonNull(id));
            if (uuid.toString().equalsIgnoreCase(id)) {
                return uuid;
            }
        }
        catch (IllegalArgumentException ex) {
            // Not an id of ours: nothing to find.
        }
        throw PaymentRequestException.notFound();
    }

    private String paymentUrl(UUID id) {
        return publicUrl() + "/pay/" + id;
    }

    private String webSocketUrl(String token) {
        return publicUrl().replaceFirst("^http", "ws") + WebSocketTokens.PATH + "?token=" + token;
    }

    /** The configured public address, or where this call arrived (a service run without one). */
    private String publicUrl() {
        if (!properties.publicUrl().isEmpty()) {
            return properties.publicUrl();
        }
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }

    private static String magTranId() {
        return UUID.randomUUID().toString();
    }
}
