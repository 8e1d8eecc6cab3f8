package com.mpac.mobilepay.pos;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.mpac.contracts.id.Ids;
import com.mpac.mobilepay.config.MobilePayProperties;
import com.mpac.mobilepay.error.PosErrorCode;
import com.mpac.mobilepay.error.PosException;
import com.mpac.mobilepay.merchant.PosCaller;
import com.mpac.mobilepay.pos.PosResponses.CheckInStatusResponse;
import com.mpac.mobilepay.pos.PosResponses.PosResponse;
import com.mpac.mobilepay.pos.PosResponses.QrCodeResponse;
import com.mpac.mobilepay.pos.PosResponses.StoreIdsResponse;
import com.mpac.mobilepay.pos.PosResponses.StoreResponse;

/** PoS management, and the PoS lookups the payment flows and the sandbox shopper need. */
@Service
public class PosService {

    private static final Pattern QR_CONTENT = Pattern.compile("mobilepaypos://pos\\?id=([A-Za-z0-9_]{1,64})(&.*)?");

    private final PosRepository repository;
    private final JdbcClient jdbc;
    private final MobilePayProperties properties;

    PosService(PosRepository repository, JdbcClient jdbc, MobilePayProperties properties) {
        this.repository = repository;
        this.jdbc = jdbc;
        this.properties = properties;
    }

    @Transactional
    PosResponse create(PosCaller caller, String terminalId) {
        PosRepository.TerminalRow terminal = terminal(caller, terminalId);
        if (!"ACTIVE".equals(terminal.status())) {
            throw new PosException(PosErrorCode.InvalidParameter, "The terminal is disabled in the portal.");
        }
        try {
            Pos pos = repository.insert(Ids.next("pos"), caller.merchantId(), terminalId, terminal.storeId());
            return response(pos, terminal, null);
        }
        catch (DuplicateKeyException ex) {
            throw new PosException(PosErrorCode.PosAlreadyExists,
                    "The terminal already has a PoS; delete it first to create a new one.");
        }
    }

    @Transactional
    PosResponse delete(PosCaller caller, String terminalId) {
        requireId("terminalId", terminalId);
        Pos pos = repository.findLiveByTerminal(caller.merchantId(), terminalId, true)
                .orElseThrow(() -> new PosException(PosErrorCode.PosNotFound, "The terminal has no PoS."));
        boolean active = jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM payment WHERE pos_id = :p
                               AND state IN ('Prepared', 'Initiated', 'Paired', 'IssuedToUser', 'Reserved'))
                """).param("p", pos.posId()).query(Boolean.class).single();
        if (active) {
            throw new PosException(PosErrorCode.ActivePaymentExists,
                    "The PoS has an active payment; capture or cancel it before deleting the PoS.");
        }
        var deletedAt = repository.markDeleted(pos.posId());
        var terminal = repository.findTerminal(caller.merchantId(), terminalId).orElse(null);
        return response(pos, terminal, deletedAt);
    }

    @Transactional(readOnly = true)
    PosResponse information(PosCaller caller, String terminalId) {
        PosRepository.TerminalRow terminal = terminal(caller, terminalId);
        Pos pos = repository.findLiveByTerminal(caller.merchantId(), terminalId, false)
                .orElseThrow(() -> new PosException(PosErrorCode.PosNotFound, "The terminal has no PoS."));
        return response(pos, terminal, null);
    }

    StoreIdsResponse storeIds(PosCaller caller) {
        return new StoreIdsResponse(caller.bioCode(), repository.storeIds(caller.merchantId()));
    }

    StoreResponse store(PosCaller caller, String storeId) {
        requireId("storeId", storeId);
        return repository.store(caller.merchantId(), storeId)
                .orElseThrow(() -> new PosException(PosErrorCode.StoreNotFound, "No such store."));
    }

    CheckInStatusResponse checkInStatusByPos(PosCaller caller, String posId) {
        return repository.checkInStatus(livePos(caller.merchantId(), posId, false));
    }

    CheckInStatusResponse checkInStatusByTerminal(PosCaller caller, String terminalId) {
        return repository.checkInStatus(livePosOfTerminal(caller.merchantId(), terminalId, false));
    }

    QrCodeResponse qrCode(PosCaller caller, String terminalId) {
        Pos pos = livePosOfTerminal(caller.merchantId(), terminalId, false);
        return new QrCodeResponse(pos.posId(), pos.terminalId(), qrContent(pos.posId()),
                properties.publicUrl() + "/api/pos/qrcode/" + pos.posId());
    }

    /** The QR image of a live PoS; empty for an unknown or deleted one. */
    Optional<String> qrContentOfLivePos(String posId) {
        return repository.findLiveAnyMerchant(posId, false).map(pos -> qrContent(pos.posId()));
    }

    static String qrContent(String posId) {
        return "mobilepaypos://pos?id=" + posId + "&source=qr";
    }

    /** The PoS id a check-in QR code names, or a 400 for anything else. */
    public static String posIdOfQrContent(String qrContent) {
        Matcher matcher = qrContent == null ? null : QR_CONTENT.matcher(qrContent);
        if (matcher == null || !matcher.matches()) {
            throw PosException.invalid("This is not a MobilePay PoS check-in QR code.");
        }
        return matcher.group(1);
    }

    public Pos livePosOfTerminal(String merchantId, String terminalId, boolean lock) {
        requireId("terminalId", terminalId);
        if (repository.findTerminal(merchantId, terminalId).isEmpty()) {
            throw new PosException(PosErrorCode.TerminalNotFound, "No such terminal.");
        }
        return repository.findLiveByTerminal(merchantId, terminalId, lock)
                .orElseThrow(() -> new PosException(PosErrorCode.PosNotFound,
                        "The terminal has no PoS; create one with api/pos/manage/create."));
    }

    /**
     * Where a payment of mpac-pgw starts: the live PoS of {@code terminalId} (the gateway's {@code terminal_id}), or
     * of the merchant's first active terminal (by terminal id) when none is named; a terminal without a PoS gets
     * one, as the POS system would create it. Locked, so starts on one PoS serialise. 404 for an unknown terminal,
     * 400 for a disabled one or a merchant without active terminals.
     */
    public Pos gatewayPos(String merchantId, String terminalId) {
        String chosen = terminalId;
        if (chosen == null || chosen.isBlank()) {
            chosen = jdbc.sql("""
                    SELECT terminal_id FROM terminal WHERE merchant_id = :m AND status = 'ACTIVE'
                    ORDER BY terminal_id LIMIT 1
                    """).param("m", merchantId).query(String.class).optional()
                    .orElseThrow(() -> PosException.invalid("The merchant has no active terminal to pay at."));
        }
        requireId("terminalId", chosen);
        PosRepository.TerminalRow terminal = repository.findTerminal(merchantId, chosen)
                .orElseThrow(() -> new PosException(PosErrorCode.TerminalNotFound, "No such terminal."));
        if (!"ACTIVE".equals(terminal.status())) {
            throw PosException.invalid("The terminal is disabled in the portal.");
        }
        String id = chosen;
        return repository.findLiveByTerminal(merchantId, id, true).orElseGet(() -> {
            repository.insert(Ids.next("pos"), merchantId, id, terminal.storeId());
            return repository.findLiveByTerminal(merchantId, id, true).orElseThrow();
        });
    }

    /** The check-in QR code content of a PoS and the URL of its image, as the POS shows them. */
    public String checkInQr(String posId) {
        return qrContent(posId);
    }

    public String qrCodeUrl(String posId) {
        return properties.publicUrl() + "/api/pos/qrcode/" + posId;
    }

    /** A live PoS, locked, where a new payment may start: its terminal is still active in the portal. */
    public Pos payablePos(Pos pos) {
        boolean active = repository.findTerminal(pos.merchantId(), pos.terminalId())
                .map(terminal -> "ACTIVE".equals(terminal.status())).orElse(false);
        if (!active) {
            throw new PosException(PosErrorCode.InvalidParameter,
                    "The PoS's terminal is disabled or removed in the portal; no payment can start there.");
        }
        return pos;
    }

    public Pos livePos(String merchantId, String posId, boolean lock) {
        requireId("posId", posId);
        return repository.findLive(merchantId, posId, lock)
                .orElseThrow(() -> new PosException(PosErrorCode.PosNotFound, "No such PoS."));
    }

    /** The shopper's side: a live PoS of any merchant, locked. */
    public Pos livePosForShopper(String posId) {
        requireId("posId", posId);
        return repository.findLiveAnyMerchant(posId, true)
                .orElseThrow(() -> new PosException(PosErrorCode.PosNotFound, "No such PoS."));
    }

    public Optional<String> checkedInCustomer(String posId) {
        return repository.checkedInCustomer(posId);
    }

    public void checkIn(String posId, String customerId, String customerName) {
        repository.checkIn(posId, customerId, customerName);
    }

    public boolean checkOut(String posId) {
        return repository.checkOut(posId);
    }

    private PosRepository.TerminalRow terminal(PosCaller caller, String terminalId) {
        requireId("terminalId", terminalId);
        return repository.findTerminal(caller.merchantId(), terminalId)
                .orElseThrow(() -> new PosException(PosErrorCode.TerminalNotFound, "No such terminal."));
    }

    private static PosResponse response(Pos pos, PosRepository.TerminalRow terminal, java.time.OffsetDateTime deletedAt) {
        return new PosResponse(pos.posId(), pos.terminalId(), pos.storeId(),
                terminal == null ? null : terminal.providerTerminalId(), deletedAt == null, pos.createdAt(),
                deletedAt);
    }

    public static void requireId(String name, String value) {
        if (value == null || value.isBlank()) {
            throw PosException.invalid(name + " is required.");
        }
        if (value.length() > 64) {
            throw PosException.invalid(name + " is longer than 64 characters.");
        }
    }
}
