package com.mpac.payreq.payment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.SecureRandom;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;

import com.mpac.payreq.payment.PaymentRepository.PayableRequest;
import com.mpac.payreq.payment.PaymentService.PaymentMethod;

/**
 * The hosted payment page (server-rendered). The shopper opens the payment URL, sees merchant, amount, tax and
 * terms, adds a tip where asked, and pays by card or wallet token; the form posts back here and the answer
 * redirects (303) to the transaction's result page. Card number and CVV are checked here and go no further than
 * the processor call: they are never stored, logged or echoed back into the page.
 */
@Controller
@Tag(name = "Hosted payment page", description = "HTML for shoppers' browsers, sent with a strict "
        + "Content-Security-Policy; scripts and styles are this service's own, pinned with Subresource Integrity.")
class PaymentPageController {

    static final String PATH = "/pay/{id}";
    private static final Pattern FORM_NONCE = Pattern.compile("[A-Za-z0-9_-]{16,64}");

    private final PaymentService payments;
    private final PaymentAttempts attempts;
    private final PageAssets assets;
    private final SecureRandom random = new SecureRandom();

    PaymentPageController(PaymentService payments, PaymentAttempts attempts, PageAssets assets) {
        this.payments = payments;
        this.attempts = attempts;
        this.assets = assets;
    }

    @GetMapping(path = PATH, produces = MediaType.TEXT_HTML_VALUE)
    @Operation(summary = "The hosted payment page",
            description = "200 with the payment form; 404 for an unknown link; 409 when the request is disabled, "
                    + "not yet active, expired or used up, or the merchant is not accepting payments.")
    String page(@PathVariable String id, Model model) {
        PayableRequest request = payments.payable(uuid(id));
        form(model, request, null, "");
        return "pay/page";
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.TEXT_HTML_VALUE)
    @Operation(summary = "Pay (the page's form)",
            description = "Form fields: method (card|wallet), cardNumber, expiry (MM/YY), cvv, cardholderName, "
                    + "walletToken, tipAmount, expectedTotal, formNonce. 303 to the result page when the processor answered (approved or "
                    + "declined); 400 with the form again for invalid input; 409 with the page again when expectedTotal is no longer the request's total; 429 past the attempt limits.")
    @ApiResponse(responseCode = "303", description = "To /pay/{id}/transactions/{transactionId}")
    Object pay(@PathVariable String id, @RequestParam(defaultValue = "card") String method,
            @RequestParam(required = false) String cardNumber, @RequestParam(required = false) String expiry,
            @RequestParam(required = false) String cvv, @RequestParam(required = false) String walletToken,
            @Parameter(description = "The tip, in the currency, e.g. 15.00") @RequestParam(required = false)
            String tipAmount,
            @Parameter(description = "The total before the tip the page showed (a hidden field); when it is no "
                    + "longer the request's, 409 with the page again") @RequestParam(required = false)
            String expectedTotal,
            @Parameter(description = "The page's one-time form nonce (a hidden field): the same form submitted again "
                    + "answers the first submission's result instead of paying again") @RequestParam(required = false)
            String formNonce, HttpServletRequest http, HttpServletResponse response, Model model) {
        UUID requestId = uuid(id);
        if (formNonce != null && FORM_NONCE.matcher(formNonce).matches()) {
            var first = payments.paidWithNonce(requestId, formNonce);
            if (first.isPresent()) {
                return result(first.get());
            }
        }
        PayableRequest request = payments.payable(requestId);
        if (!attempts.admit(requestId, http.getRemoteAddr())) {
            throw new PageException(HttpStatus.TOO_MANY_REQUESTS,
                    "Too many payment attempts. Please wait a few minutes and try again.");
        }
        BigDecimal tip;
        BigDecimal expected;
        PaymentMethod payment;
        try {
            tip = tip(tipAmount, request);
            expected = expectedTotal(expectedTotal);
            if (formNonce != null && !FORM_NONCE.matcher(formNonce).matches()) {
                throw new InvalidInput("The page is out of date. Please review the payment and pay again.");
            }
            payment = "wallet".equals(method) ? wallet(walletToken) : card(cardNumber, expiry, cvv);
        }
        catch (InvalidInput ex) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            form(model, request, ex.getMessage(), tipAmount == null ? "" : tipAmount);
            return "pay/page";
        }
        if (attempts.declinesExhausted(requestId)) {
            throw new PageException(HttpStatus.TOO_MANY_REQUESTS,
                    "Too many declined payments. Please wait a few minutes and try again.");
        }
        Payment paid;
        try {
            paid = payments.pay(requestId, payment, tip, expected, formNonce);
        }
        catch (PaymentService.TotalChanged ex) {
            response.setStatus(HttpStatus.CONFLICT.value());
            form(model, payments.payable(requestId), ex.getMessage(), tipAmount == null ? "" : tipAmount);
            return "pay/page";
        }
        return result(paid);
    }

    private static RedirectView result(Payment paid) {
        RedirectView redirect = new RedirectView("/pay/" + paid.paymentRequestId() + "/transactions/"
                + paid.transactionId());
        redirect.setStatusCode(HttpStatus.SEE_OTHER);
        return redirect;
    }

    @GetMapping(path = PATH + "/transactions/{transactionId}", produces = MediaType.TEXT_HTML_VALUE)
    @Operation(summary = "A payment's result page", description = "Approved (confirmation) or declined.")
    String result(@PathVariable String id, @PathVariable String transactionId, Model model) {
        Payment payment = payments.transaction(uuid(id), uuid(transactionId));
        model.addAttribute("payment", payment);
        model.addAttribute("paymentUrl", "/pay/" + payment.paymentRequestId());
        model.addAttribute("payAgain", payment.status() == 2);
        assets(model);
        return "pay/result";
    }

    @ExceptionHandler(PageException.class)
    ModelAndView refused(PageException ex) {
        ModelAndView page = new ModelAndView("pay/unavailable", ex.status());
        page.addObject("message", ex.getMessage());
        assets(page.getModelMap());
        return page;
    }

    private void form(Model model, PayableRequest request, String error, String tip) {
        model.addAttribute("request", request);
        model.addAttribute("error", error);
        model.addAttribute("tip", tip);
        model.addAttribute("baseTotal", request.baseTotal());
        model.addAttribute("tipPresets", List.of(10, 15, 20));
        // No tip, as the currency writes amounts (USD 0.00, JPY 0).
        model.addAttribute("zeroTip", BigDecimal.ZERO.setScale(Math.max(0,
                java.util.Currency.getInstance(request.currency().strip()).getDefaultFractionDigits())).toPlainString());
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        model.addAttribute("formNonce", Base64.getUrlEncoder().withoutPadding().encodeToString(nonce));
        assets(model);
    }

    private void assets(Model model) {
        assets(model.asMap());
    }

    private void assets(java.util.Map<String, Object> model) {
        model.put("script", assets.script());
        model.put("scriptIntegrity", assets.scriptIntegrity());
        model.put("style", assets.style());
        model.put("styleIntegrity", assets.styleIntegrity());
    }

    private static BigDecimal tip(String value, PayableRequest request) {
        if (value == null || value.isBlank()) {
            return BigDecimal.ZERO.setScale(request.amount().scale());
        }
        BigDecimal tip;
        try {
            tip = new BigDecimal(value.trim());
        }
        catch (NumberFormatException ex) {
            throw new InvalidInput("The tip must be an amount such as 15.00.");
        }
        int scale = request.amount().scale();
        if (tip.signum() < 0 || tip.stripTrailingZeros().scale() > scale || tip.compareTo(request.amount()) > 0) {
            throw new InvalidInput("The tip must be between 0 and " + request.amount() + " with at most " + scale
                    + " decimals.");
        }
        if (tip.signum() > 0 && !request.promptForTips()) {
            throw new InvalidInput("This payment does not take a tip.");
        }
        return tip.setScale(scale, RoundingMode.UNNECESSARY);
    }

    private static BigDecimal expectedTotal(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(value.trim());
        }
        catch (NumberFormatException ex) {
            throw new InvalidInput("The page is out of date. Please review the payment and pay again.");
        }
    }

    private static PaymentMethod card(String number, String expiry, String cvv) {
        CardNumber card = CardNumber.parse(number);
        if (card == null) {
            throw new InvalidInput("The card number is not valid.");
        }
        if (expiry == null || !expiry.trim().matches("(0[1-9]|1[0-2])\\s*/\\s*(\\d{2}|\\d{4})")) {
            throw new InvalidInput("The expiry date must be MM/YY.");
        }
        String[] parts = expiry.trim().split("\\s*/\\s*");
        int year = Integer.parseInt(parts[1]);
        YearMonth expires = YearMonth.of(year < 100 ? 2000 + year : year, Integer.parseInt(parts[0]));
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        if (expires.isBefore(now) || expires.isAfter(now.plusYears(20))) {
            throw new InvalidInput("The card has expired or its expiry date is not valid.");
        }
        if (cvv == null || !cvv.trim().matches("\\d{" + card.cvvLength() + "}")) {
            throw new InvalidInput("The security code (CVV) must be " + card.cvvLength() + " digits.");
        }
        return new PaymentMethod.Card(card);
    }

    private static PaymentMethod wallet(String token) {
        if (token == null || token.isBlank() || token.length() > 2048) {
            throw new InvalidInput("The wallet did not provide a payment token.");
        }
        return new PaymentMethod.Wallet(token.trim());
    }

    private static UUID uuid(String id) {
        try {
            UUID uuid = UUID.fromString(id);
            if (uuid.toString().equalsIgnoreCase(id)) {
                return uuid;
            }
        }
        catch (IllegalArgumentException ex) {
            // Not a link of ours.
        }
        throw PageException.notFound();
    }

    /** What the shopper typed is not usable: the form again, with the message and without card data. */
    private static final class InvalidInput extends RuntimeException {

        InvalidInput(String message) {
            super(message, null, false, false);
        }
    }
}
