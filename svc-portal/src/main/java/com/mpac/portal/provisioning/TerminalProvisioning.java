package com.mpac.portal.provisioning;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import com.mpac.contracts.jwt.CallerToken;
import com.mpac.contracts.problem.ApiException;
import com.mpac.contracts.problem.ProblemType;
import com.mpac.contracts.problem.ProblemTypes;
import com.mpac.portal.audit.AuditLog;
import com.mpac.portal.audit.AuditLog.AuditEvent;
import com.mpac.portal.device.TerminalClients;
import com.mpac.portal.device.TerminalClients.IssuedCredentials;
import com.mpac.portal.outbox.ConfigurationOutbox;
import com.mpac.portal.provisioning.ProvisioningApi.ActivateRequest;
import com.mpac.portal.provisioning.ProvisioningApi.ActivationStatus;
import com.mpac.portal.provisioning.ProvisioningApi.ActivationStatusResponse;
import com.mpac.portal.provisioning.ProvisioningRepository.LatestCode;
import com.mpac.portal.provisioning.ProvisioningRepository.PendingCode;
import com.mpac.portal.provisioning.ProvisioningRepository.TerminalRow;
import com.mpac.portal.tenant.TenantScope;
import com.mpac.portal.throttle.Throttle;

/**
 * Binding terminals to devices: an admin issues a short activation code for a terminal in their scope, the terminal
 * redeems it once with its device facts and receives OAuth2 client credentials for the device token endpoint.
 * Admins can rotate those credentials and deactivate (or reactivate) the terminal.
 *
 * <p>Terminal lifecycle: PENDING (registered, or reactivated; needs a code) → ACTIVE (bound, may hold tokens) →
 * DISABLED (credentials deleted, codes revoked) → PENDING. A new code may be issued for an ACTIVE terminal to bind
 * a replacement device; its activation replaces the old client id and secret.
 */
@Service
class TerminalProvisioning {

    static final ProblemType INVALID_ACTIVATION_CODE = new ProblemType("invalid_activation_code",
            HttpStatus.BAD_REQUEST, "Invalid activation code");
    static final ProblemType TERMINAL_DISABLED = new ProblemType("terminal_disabled", HttpStatus.CONFLICT,
            "Terminal is deactivated");
    static final ProblemType TERMINAL_NOT_ACTIVATED = new ProblemType("terminal_not_activated", HttpStatus.CONFLICT,
            "Terminal has no credentials");
    static final ProblemType TERMINAL_NOT_DISABLED = new ProblemType("terminal_not_disabled", HttpStatus.CONFLICT,
            "Terminal is not deactivated");

    static final ProblemType SERIAL_NUMBER_MISMATCH = new ProblemType("serial_number_mismatch", HttpStatus.CONFLICT,
            "Serial number does not match");
    static final ProblemType SERIAL_NUMBER_IN_USE = new ProblemType("serial_number_in_use", HttpStatus.CONFLICT,
            "Device bound to another terminal");

    static final Duration CODE_LIFETIME = Duration.ofMinutes(10);

    /** Guesses from one address: a few typos are fine, a scan is locked out for minutes, doubling to an hour. */
    static final Throttle.Policy PER_ADDRESS = new Throttle.Policy(10, Duration.ofMinutes(15), Duration.ofMinutes(5),
            Duration.ofHours(1));

    /**
     * Guesses from anywhere at codes starting with the same two characters (961 buckets): caps what a botnet can try
     * across addresses, while a lock on one bucket leaves the other 960 usable for real activations.
     */
    static final Throttle.Policy PER_PREFIX = new Throttle.Policy(20, Duration.ofMinutes(10), Duration.ofMinutes(1),
            Duration.ofMinutes(15));

    private final ProvisioningRepository terminals;
    private final ActivationCodes codes;
    private final TerminalClients clients;
    private final Throttle throttle;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final ConfigurationOutbox outbox;

    TerminalProvisioning(ProvisioningRepository terminals, ActivationCodes codes, TerminalClients clients,
            Throttle throttle, AuditLog audit, Clock clock, PlatformTransactionManager transactionManager,
            ConfigurationOutbox outbox) {
        this.outbox = outbox;
        this.terminals = terminals;
        this.codes = codes;
        this.clients = clients;
        this.throttle = throttle;
        this.audit = audit;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /** A code in clear (normalised) and when it expires. */
    record IssuedCode(String code, Instant expiresAt) {

        @Override
        public String toString() {
            return "IssuedCode[code=***, expiresAt=" + expiresAt + "]";
        }
    }

    /** How an activation attempt ended. */
    sealed interface Outcome permits Activation, Refused {
    }

    /** What an activation answers: the terminal's place and its new credentials. */
    record Activation(TerminalRow terminal, IssuedCredentials credentials) implements Outcome {
    }

    record Refused(ProblemType type, String detail) implements Outcome {
    }

    private static final Refused WRONG_CODE = new Refused(INVALID_ACTIVATION_CODE,
            "The activation code is wrong, expired or already used. Ask for a new code.");
    private static final Refused SERIAL_MISMATCH = new Refused(SERIAL_NUMBER_MISMATCH,
            "This code is for a terminal registered with another serial number; use it on that device.");
    private static final Refused SERIAL_IN_USE = new Refused(SERIAL_NUMBER_IN_USE,
            "This device is bound to another terminal; deactivate that terminal first.");

    @Transactional
    IssuedCode generateCode(CallerToken caller, String terminalId, String clientIp) {
        TerminalRow terminal = lockInScope(caller, terminalId);
        if ("DISABLED".equals(terminal.status())) {
            throw new ApiException(TERMINAL_DISABLED,
                    "The terminal is deactivated; reactivate it before issuing an activation code.");
        }
        // Milliseconds: what the client is told is exactly what the database keeps.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant expiresAt = now.plus(CODE_LIFETIME);
        terminals.revokePendingCodes(terminalId, now);
        String codeId = "acd_" + UUID.randomUUID().toString().replace("-", "");
        for (int attempt = 0; attempt < 5; attempt++) {
            String code = codes.generate();
            if (terminals.insertCode(codeId, terminalId, codes.hash(code), caller.subject(), now, expiresAt)) {
                audit.record(event("activation_code.generated", caller, terminal, clientIp,
                        Map.of("codeId", codeId, "expiresAt", expiresAt.toString())));
                return new IssuedCode(code, expiresAt);
            }
        }
        throw new IllegalStateException("Could not draw an unused activation code");
    }

    /**
     * Redeems a code. Throttled per client address and per code prefix; a wrong, expired or spent code gets one
     * undifferentiated answer and binds nothing. Every refusal counts against the throttle, so a valid code cannot
     * be told apart by trying serial numbers at leisure either.
     */
    Activation activate(ActivateRequest request, String clientIp) {
        String addressBucket = "activation:ip:" + clientIp;
        Optional<String> code = ActivationCodes.normalize(request.activationCode());
        Optional<String> prefixBucket = code.map(c -> "activation:prefix:" + ActivationCodes.prefix(c));
        Optional<Duration> wait = longest(throttle.retryAfter(addressBucket),
                prefixBucket.flatMap(throttle::retryAfter));
        if (wait.isPresent()) {
            throw new TooManyAttemptsException(wait.get());
        }
        Outcome outcome = code.map(c -> bindOrRefuse(c, request, clientIp)).orElse(WRONG_CODE);
        if (outcome instanceof Refused refused) {
            throttle.recordFailure(addressBucket, PER_ADDRESS);
            prefixBucket.ifPresent(bucket -> throttle.recordFailure(bucket, PER_PREFIX));
            audit.record(new AuditEvent("terminal.activation_failed", null, null, null, null, clientIp,
                    Map.of("reason", refused.type().code(), "serialNumber", request.serialNumber())));
            throw new ApiException(refused.type(), refused.detail());
        }
        throttle.reset(addressBucket);
        return (Activation) outcome;
    }

    private Outcome bindOrRefuse(String code, ActivateRequest request, String clientIp) {
        try {
            return transaction.execute(status -> {
                Outcome outcome = bind(code, request, clientIp);
                if (outcome instanceof Refused) {
                    status.setRollbackOnly();
                }
                return outcome;
            });
        }
        catch (DataIntegrityViolationException ex) {
            // The registry's one-device-one-terminal index, raced by a concurrent activation of the same device.
            return SERIAL_IN_USE;
        }
    }

    private Outcome bind(String code, ActivateRequest request, String clientIp) {
        Instant now = clock.instant();
        Optional<PendingCode> found = terminals.findPendingCode(codes.hash(code));
        if (found.isEmpty() || !found.get().expiresAt().isAfter(now)) {
            return WRONG_CODE;
        }
        // Terminal first, then its code: the same lock order as issuing a code, so the two cannot deadlock.
        Optional<TerminalRow> locked = lockWithMerchant(found.get().terminalId());
        if (locked.isEmpty() || "DISABLED".equals(locked.get().status())) {
            return WRONG_CODE;
        }
        // Spent first: a concurrent activation that won the lock has used it, and this one must read as a wrong
        // code. A refusal below rolls the spending back, so the code stays usable on the right device.
        if (!terminals.markUsed(found.get().codeId(), now)) {
            return WRONG_CODE;
        }
        TerminalRow terminal = locked.get();
        Optional<String> registeredSerial = terminals.registeredSerial(terminal.terminalId());
        if (registeredSerial.isPresent() && !registeredSerial.get().equals(request.serialNumber())) {
            return SERIAL_MISMATCH;
        }
        if (terminals.serialHeldElsewhere(request.serialNumber(), terminal.terminalId())) {
            return SERIAL_IN_USE;
        }
        IssuedCredentials credentials = clients.issue(terminal.terminalId());
        terminals.bindDevice(terminal.terminalId(), request.serialNumber(), request.model(), request.appVersion(),
                credentials.clientId(), now);
        terminals.activate(terminal.terminalId(), request.serialNumber());
        outbox.enqueue(terminal.merchantId());
        Map<String, Object> details = new HashMap<>();
        details.put("codeId", found.get().codeId());
        details.put("clientId", credentials.clientId());
        details.put("serialNumber", request.serialNumber());
        details.put("model", request.model());
        details.put("appVersion", request.appVersion());
        audit.record(new AuditEvent("terminal.activated", terminal.terminalId(), terminal.terminalId(),
                terminal.pspId(), terminal.merchantId(), clientIp, details));
        return new Activation(terminal, credentials);
    }

    @Transactional(readOnly = true)
    ActivationStatusResponse status(CallerToken caller, String terminalId) {
        TerminalRow terminal = findInScope(caller, terminalId);
        Optional<LatestCode> latest = terminals.latestCode(terminalId);
        Optional<Instant> activatedAt = terminals.activatedAt(terminalId);
        if (latest.isEmpty()) {
            // Codes are purged a week after they expire; a terminal bound long ago is still activated.
            return activatedAt
                    .map(at -> new ActivationStatusResponse(terminalId, ActivationStatus.ACTIVATED, null, at))
                    .orElseThrow(() -> new ApiException(ProblemTypes.NOT_FOUND,
                            "No activation code has been issued for terminal " + terminal.terminalId() + "."));
        }
        LatestCode code = latest.get();
        ActivationStatus status = switch (code.status()) {
            case "USED" -> ActivationStatus.ACTIVATED;
            case "PENDING" -> code.expiresAt().isAfter(clock.instant()) ? ActivationStatus.PENDING
                    : ActivationStatus.EXPIRED;
            default -> ActivationStatus.EXPIRED; // revoked by deactivation: it can no longer be used
        };
        return new ActivationStatusResponse(terminalId, status, code.expiresAt(),
                status == ActivationStatus.ACTIVATED ? code.usedAt() : null);
    }

    @Transactional
    IssuedCredentials rotateCredentials(CallerToken caller, String terminalId, String clientIp) {
        TerminalRow terminal = lockInScope(caller, terminalId);
        if (!"ACTIVE".equals(terminal.status())) {
            throw new ApiException(TERMINAL_NOT_ACTIVATED,
                    "Only an activated terminal has credentials to rotate; this one is " + terminal.status() + ".");
        }
        IssuedCredentials credentials = clients.rotateSecret(terminalId)
                .orElseThrow(() -> new ApiException(TERMINAL_NOT_ACTIVATED,
                        "The terminal has no credentials; issue an activation code instead."));
        terminals.credentialsRotated(terminalId, clock.instant());
        audit.record(event("terminal.credentials_rotated", caller, terminal, clientIp,
                Map.of("clientId", credentials.clientId())));
        return credentials;
    }

    /** Deactivation deletes the credentials too: a terminal taken out of service must be provisioned again. */
    @Transactional
    TerminalRow deactivate(CallerToken caller, String terminalId, String clientIp) {
        TerminalRow terminal = lockInScope(caller, terminalId);
        if (!"DISABLED".equals(terminal.status())) {
            terminals.setStatus(terminalId, "DISABLED");
            int revokedCodes = terminals.revokePendingCodes(terminalId, clock.instant());
            clients.revoke(terminalId);
            terminals.unbindClient(terminalId);
            outbox.enqueue(terminal.merchantId());
            audit.record(event("terminal.deactivated", caller, terminal, clientIp,
                    Map.of("previousStatus", terminal.status(), "revokedCodes", revokedCodes)));
        }
        return withStatus(terminal, "DISABLED");
    }

    @Transactional
    TerminalRow reactivate(CallerToken caller, String terminalId, String clientIp) {
        TerminalRow terminal = lockInScope(caller, terminalId);
        if (!"DISABLED".equals(terminal.status())) {
            throw new ApiException(TERMINAL_NOT_DISABLED,
                    "The terminal is " + terminal.status() + ", not deactivated.");
        }
        Optional<String> serial = terminals.registeredSerial(terminalId);
        if (serial.isPresent() && terminals.serialHeldElsewhere(serial.get(), terminalId)) {
            throw new ApiException(SERIAL_NUMBER_IN_USE, "The terminal's device (serial " + serial.get()
                    + ") is now bound to another terminal; deactivate that one first.");
        }
        terminals.setStatus(terminalId, "PENDING");
        outbox.enqueue(terminal.merchantId());
        audit.record(event("terminal.reactivated", caller, terminal, clientIp, Map.of()));
        return withStatus(terminal, "PENDING");
    }

    private TerminalRow findInScope(CallerToken caller, String terminalId) {
        return inScope(caller, terminalId, terminals.find(terminalId));
    }

    private TerminalRow lockInScope(CallerToken caller, String terminalId) {
        return inScope(caller, terminalId, lockWithMerchant(terminalId));
    }

    /**
     * A terminal's status is part of its merchant's pushed configuration: lock the merchant first, then the
     * terminal, the order every configuration change takes, so provisioning and registry edits cannot deadlock.
     */
    private Optional<TerminalRow> lockWithMerchant(String terminalId) {
        terminals.find(terminalId).ifPresent(terminal -> outbox.lockMerchant(terminal.merchantId()));
        return terminals.lock(terminalId);
    }

    private static TerminalRow inScope(CallerToken caller, String terminalId, Optional<TerminalRow> terminal) {
        TenantScope scope = TenantScope.of(caller);
        return terminal.filter(t -> scope.covers(t.pspId(), t.merchantId(), t.storeId()))
                .orElseThrow(() -> new ApiException(ProblemTypes.NOT_FOUND, "No terminal " + terminalId + "."));
    }

    private static TerminalRow withStatus(TerminalRow terminal, String status) {
        return new TerminalRow(terminal.terminalId(), terminal.storeId(), terminal.merchantId(), terminal.pspId(),
                status);
    }

    private static AuditEvent event(String type, CallerToken caller, TerminalRow terminal, String clientIp,
            Map<String, Object> details) {
        Map<String, Object> all = new HashMap<>(details);
        if (caller.isImpersonation()) {
            all.put("impersonatedBy", caller.actorSubject());
        }
        return new AuditEvent(type, caller.subject(), terminal.terminalId(), terminal.pspId(), terminal.merchantId(),
                clientIp, all);
    }

    private static Optional<Duration> longest(Optional<Duration> first, Optional<Duration> second) {
        if (first.isEmpty()) {
            return second;
        }
        return second.filter(s -> s.compareTo(first.get()) > 0).or(() -> first);
    }
}
