package com.mpac.mia.terminal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.mpac.contracts.crypto.Sha256;
import com.mpac.mia.config.MiaProperties;
import com.mpac.mia.error.MiaException;
import com.mpac.mia.merchant.Terminal;
import com.mpac.mia.merchant.Terminals;

/**
 * Binds a terminal to a device: {@code init} sends a 6-digit OTP by SMS (the sandbox outbox here), {@code confirm}
 * checks it with a limited number of attempts (then the binding is LOCKED for good and a new init is needed),
 * {@code resend} sends a fresh code after a wait, a limited number of times. Counters change under the row lock.
 * Inits per terminal are capped within a window ({@code mpac.mia.init-limit} per {@code init-window}), counted under
 * the terminal's row lock, so SMS sent and OTP guesses per terminal stay bounded.
 */
@Service
class ActivationService {

    static final String DEFAULT_PHONE = "+37300000000";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ActivationRepository activations;
    private final Terminals terminals;
    private final MiaProperties properties;
    private final Clock clock;

    ActivationService(ActivationRepository activations, Terminals terminals, MiaProperties properties, Clock clock) {
        this.activations = activations;
        this.terminals = terminals;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    ActivationRequests.InitResponse init(ActivationRequests.InitRequest request, ActivationRequests.Device device) {
        Terminal terminal = terminals.findForActivation(request.terminalId(), request.merchantIdno())
                .orElseThrow(() -> new MiaException(HttpStatus.NOT_FOUND, "terminal_not_found",
                        "No active terminal " + request.terminalId() + " of the merchant with this IDNO."));
        Instant now = clock.instant();
        ActivationRepository.InitsSince recent = activations.lockTerminalAndCountInits(terminal.terminalId(),
                now.minus(properties.initWindow()));
        if (recent.count() >= properties.initLimit()) {
            long retryAfter = Duration.between(now, recent.oldest().plus(properties.initWindow())).toSeconds() + 1;
            throw new MiaException(HttpStatus.TOO_MANY_REQUESTS, "too_many_attempts", "This terminal started "
                    + recent.count() + " activations within " + properties.initWindow().toMinutes()
                    + " min; try again in " + Math.max(1, retryAfter) + " s.").withRetryAfter(retryAfter);
        }
        UUID id = UUID.randomUUID();
        String otp = newOtp();
        String phone = terminal.phone() == null ? DEFAULT_PHONE : terminal.phone();
        activations.insert(id, terminal.terminalId(), hash(id, otp), properties.otpAttempts(),
                properties.otpResends(), phone, device, now);
        activations.sendSms(id, phone, smsText(otp));
        return new ActivationRequests.InitResponse("success", id, mask(phone), properties.resendWait().toSeconds());
    }

    @Transactional
    ActivationRequests.ResendResponse resend(ActivationRequests.ResendRequest request) {
        ActivationRepository.Activation activation = activations.lock(request.terminalActivationId())
                .orElseThrow(() -> MiaException.notFound("Terminal activation"));
        requirePending(activation);
        if (activation.leftResends() <= 0) {
            throw MiaException.conflict("resend_limit_reached", "No more OTP resends for this activation.")
                    .withLeftAttempts(0);
        }
        Instant now = clock.instant();
        Duration waited = Duration.between(activation.lastSentAt(), now);
        if (waited.compareTo(properties.resendWait()) < 0) {
            throw MiaException.conflict("resend_too_early", "Wait "
                    + properties.resendWait().minus(waited).toSeconds() + " s before asking for a new code.")
                    .withLeftAttempts(activation.leftResends());
        }
        String otp = newOtp();
        activations.resent(activation.id(), hash(activation.id(), otp), now);
        activations.sendSms(activation.id(), activation.phone(), smsText(otp));
        return new ActivationRequests.ResendResponse("success", activation.leftResends() - 1,
                properties.resendWait().toSeconds());
    }

    /** A wrong code costs an attempt even though the answer is an error: the counter must not roll back. */
    @Transactional(noRollbackFor = MiaException.class)
    ActivationRequests.ConfirmResponse confirm(ActivationRequests.ConfirmRequest request) {
        ActivationRepository.Activation activation = activations.lock(request.terminalActivationId())
                .orElseThrow(() -> MiaException.notFound("Terminal activation"));
        requirePending(activation);
        byte[] expected = activation.otpHash().getBytes(StandardCharsets.US_ASCII);
        byte[] given = hash(activation.id(), request.otpCode()).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given)) {
            int left = activation.leftAttempts() - 1;
            ActivationState next = left <= 0 ? ActivationState.LOCKED : ActivationState.PENDING;
            activations.failedAttempt(activation.id(), next);
            if (next == ActivationState.LOCKED) {
                throw MiaException.conflict("activation_locked",
                        "Wrong OTP code; no attempts left, the activation is locked. Start a new one.")
                        .withLeftAttempts(0);
            }
            throw new MiaException(HttpStatus.BAD_REQUEST, "invalid_otp", "Wrong OTP code.").withLeftAttempts(left);
        }
        activations.activate(activation.id(), activation.terminalId());
        return new ActivationRequests.ConfirmResponse("success", activation.leftAttempts());
    }

    @Transactional(readOnly = true)
    ActivationRequests.InfoResponse info(UUID activationId) {
        String terminalId = activations.terminalOf(activationId)
                .orElseThrow(() -> MiaException.notFound("Terminal activation"));
        Terminal terminal = terminals.find(terminalId).orElseThrow(() -> MiaException.notFound("Terminal"));
        return new ActivationRequests.InfoResponse("success", terminal.miaTerminalId(), terminal.idno(),
                terminal.merchantName(), terminal.storeName());
    }

    /** Confirm and resend act on a pending activation only: the one state that may still become ACTIVE. */
    private static void requirePending(ActivationRepository.Activation activation) {
        if (activation.state().canBecome(ActivationState.ACTIVE)) {
            return;
        }
        throw switch (activation.state()) {
            case LOCKED -> MiaException.conflict("activation_locked",
                    "This activation is locked after too many wrong codes. Start a new one.").withLeftAttempts(0);
            case ACTIVE -> MiaException.conflict("already_activated", "This activation is already confirmed.");
            default -> MiaException.conflict("activation_revoked", "This activation was replaced.");
        };
    }

    private static String newOtp() {
        return "%06d".formatted(RANDOM.nextInt(1_000_000));
    }

    private static String smsText(String otp) {
        return "MIA POS: your terminal activation code is " + otp;
    }

    private static String hash(UUID activationId, String otp) {
        return Sha256.hex((activationId + ":" + otp).getBytes(StandardCharsets.UTF_8));
    }

    static String mask(String phone) {
        if (phone.length() <= 6) {
            return "*".repeat(phone.length());
        }
        return phone.substring(0, 4) + "*".repeat(phone.length() - 6) + phone.substring(phone.length() - 2);
    }
}
