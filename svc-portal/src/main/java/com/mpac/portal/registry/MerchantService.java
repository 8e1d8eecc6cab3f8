package com.mpac.portal.registry;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.mpac.contracts.crypto.SecretCipher;
import com.mpac.contracts.id.Ids;
import com.mpac.contracts.problem.ApiException;
import com.mpac.contracts.sync.MerchantConfiguration.Provider;
import com.mpac.portal.audit.AuditLog.AuditEvent;
import com.mpac.portal.audit.AuditLog;
import com.mpac.portal.outbox.ConfigurationOutbox;
import com.mpac.portal.outbox.SecretContexts;
import com.mpac.portal.registry.MerchantController.BioCodeResponse;
import com.mpac.portal.registry.MerchantController.CreateMerchantRequest;
import com.mpac.portal.registry.MerchantController.MerchantResponse;
import com.mpac.portal.registry.MerchantController.UpdateMerchantRequest;
import com.mpac.portal.registry.MerchantRepository.MerchantRow;
import com.mpac.portal.registry.Registry.Kind;
import com.mpac.portal.registry.Registry.Node;
import com.mpac.portal.tenant.TenantScope.Level;

@Service
class MerchantService {

    /** 40 base32 characters, 200 random bits: MobilePay takes the bioCode as a credential, so it must be unguessable. */
    static final int BIO_CODE_LENGTH = 40;

    /** The identifier columns' unique indexes and the request fields they belong to. */
    private static final Map<String, String> UNIQUE_FIELDS = Map.of(
            "merchant_mia_idno_idx", "miaIdno",
            "merchant_vnpay_tmn_code_idx", "vnpayTmnCode",
            "merchant_magensa_customer_code_idx", "magensaCustomerCode",
            "merchant_paypay_merchant_id_idx", "paypayMerchantId",
            "merchant_linepay_merchant_id_idx", "linepayMerchantId");

    private final MerchantRepository merchants;
    private final Registry registry;
    private final ConfigurationOutbox outbox;
    private final SecretCipher cipher;
    private final AuditLog audit;

    MerchantService(MerchantRepository merchants, Registry registry, ConfigurationOutbox outbox, SecretCipher cipher,
            AuditLog audit) {
        this.merchants = merchants;
        this.registry = registry;
        this.outbox = outbox;
        this.cipher = cipher;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    CursorPage<MerchantResponse> list(Actor actor, MerchantStatus status, String pspId, String q, int limit,
            String startingAfter) {
        actor.require(actor.atLeast(Level.MERCHANT));
        Sql.Where where = new Sql.Where()
                .and("psp_id = :scopePsp", "scopePsp", actor.level() == Level.PSP ? actor.scope().pspId() : null)
                .and("merchant_id = :scopeMerchant", "scopeMerchant",
                        actor.level() == Level.MERCHANT ? actor.scope().merchantId() : null)
                .and("status = :status", "status", status == null ? null : status.name())
                .and("psp_id = :psp", "psp", pspId)
                .and("name ILIKE :q", "q", q == null || q.isBlank() ? null : Sql.containing(q.strip()))
                .and("merchant_id > :after", "after", startingAfter);
        List<MerchantResponse> page = merchants.list(where, limit + 1).stream()
                .map(row -> response(row, false)).toList();
        return CursorPage.of(page, limit, MerchantResponse::id);
    }

    @Transactional
    MerchantResponse create(Actor actor, CreateMerchantRequest request, String clientIp) {
        actor.require(actor.atLeast(Level.PSP));
        String pspId = request.pspId() != null ? request.pspId()
                : actor.level() == Level.PSP ? actor.scope().pspId() : null;
        if (pspId == null) {
            throw RegistryProblems.invalid("pspId", "must not be null");
        }
        Node psp = registry.visible(actor, Kind.PSP, pspId);
        if (!psp.isActive()) {
            throw new ApiException(RegistryProblems.PARENT_NOT_ACTIVE, "The PSP is not active.");
        }
        Set<Provider> enabled = request.enabledProviders() == null ? EnumSet.noneOf(Provider.class)
                : EnumSet.copyOf(nonEmpty(request.enabledProviders()));
        String id = Ids.next("mer");
        MerchantRow row = new MerchantRow(id, pspId, request.name().strip(), MerchantStatus.ACTIVE,
                request.contactPhone(), enabled, request.miaIdno(), null, request.vnpayTmnCode(),
                request.magensaCustomerCode(), request.paypayMerchantId(), request.linepayMerchantId(), 0, null, null);
        row = withBioCodeIfNeeded(requireIdentifiers(row));
        try {
            merchants.insert(row);
        }
        catch (DuplicateKeyException ex) {
            throw alreadyInUse(ex);
        }
        outbox.enqueue(id);
        audit.record(new AuditEvent("merchant.created", actor.userId(), id, pspId, id, clientIp,
                actor.auditDetails(Map.of("enabledProviders", names(enabled)))));
        return response(merchants.find(id).orElseThrow(), true);
    }

    @Transactional(readOnly = true)
    MerchantResponse get(Actor actor, String id) {
        registry.visible(actor, Kind.MERCHANT, id);
        return response(merchants.find(id).orElseThrow(), actor.atLeast(Level.MERCHANT));
    }

    @Transactional
    MerchantResponse update(Actor actor, String id, UpdateMerchantRequest request, String clientIp) {
        registry.visible(actor, Kind.MERCHANT, id);
        actor.require(actor.atLeast(Level.MERCHANT));
        if (actor.level() == Level.MERCHANT) {
            List<String> refused = new ArrayList<>();
            addIfSet(refused, "status", request.status());
            addIfSet(refused, "enabledProviders", request.enabledProviders());
            addIfSet(refused, "miaIdno", request.miaIdno());
            addIfSet(refused, "vnpayTmnCode", request.vnpayTmnCode());
            addIfSet(refused, "magensaCustomerCode", request.magensaCustomerCode());
            addIfSet(refused, "paypayMerchantId", request.paypayMerchantId());
            addIfSet(refused, "linepayMerchantId", request.linepayMerchantId());
            if (!refused.isEmpty()) {
                throw RegistryProblems.fieldsNotAllowed(refused);
            }
        }
        MerchantRow current = merchants.lock(id);
        MerchantStatus status = request.status() == null ? current.status() : request.status();
        if (!current.status().canBecome(status)) {
            throw RegistryProblems.illegalTransition(current.status().name(), status.name());
        }
        MerchantRow next = new MerchantRow(id, current.pspId(),
                request.name() == null ? current.name() : request.name().strip(), status,
                patch(current.contactPhone(), request.contactPhone()),
                request.enabledProviders() == null ? current.enabledProviders()
                        : EnumSet.copyOf(nonEmpty(request.enabledProviders())),
                patch(current.miaIdno(), request.miaIdno()), current.bioCodeCiphertext(),
                patch(current.vnpayTmnCode(), request.vnpayTmnCode()),
                patch(current.magensaCustomerCode(), request.magensaCustomerCode()),
                patch(current.paypayMerchantId(), request.paypayMerchantId()),
                patch(current.linepayMerchantId(), request.linepayMerchantId()),
                current.configVersion(), current.createdAt(), current.updatedAt());
        next = withBioCodeIfNeeded(requireIdentifiers(next));
        List<String> changed = changedFields(current, next);
        if (changed.isEmpty()) {
            return response(current, true);
        }
        try {
            merchants.update(next);
        }
        catch (DuplicateKeyException ex) {
            throw alreadyInUse(ex);
        }
        outbox.enqueue(id);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("fields", changed);
        if (status != current.status()) {
            details.put("from", current.status().name());
            details.put("to", status.name());
        }
        audit.record(new AuditEvent(status != current.status() ? "merchant.status_changed" : "merchant.updated",
                actor.userId(), id, current.pspId(), id, clientIp, actor.auditDetails(details)));
        return response(merchants.find(id).orElseThrow(), true);
    }

    @Transactional
    BioCodeResponse regenerateBioCode(Actor actor, String id, String clientIp) {
        registry.visible(actor, Kind.MERCHANT, id);
        actor.require(actor.atLeast(Level.MERCHANT));
        MerchantRow current = merchants.lock(id);
        String bioCode = Ids.random(BIO_CODE_LENGTH);
        merchants.update(withBioCode(current, bioCode));
        outbox.enqueue(id);
        audit.record(new AuditEvent("merchant.bio_code_regenerated", actor.userId(), id, current.pspId(), id,
                clientIp, actor.auditDetails(Map.of())));
        return new BioCodeResponse(id, bioCode);
    }

    private MerchantResponse response(MerchantRow row, boolean withBioCode) {
        String bioCode = withBioCode && row.bioCodeCiphertext() != null
                ? cipher.decrypt(row.bioCodeCiphertext(), SecretContexts.mobilePayBioCode(row.id()))
                : null;
        return new MerchantResponse(row.id(), row.pspId(), row.name(), row.status(), row.contactPhone(),
                row.enabledProviders().stream().sorted().toList(), row.miaIdno(), row.vnpayTmnCode(),
                row.magensaCustomerCode(), row.paypayMerchantId(), row.linepayMerchantId(), bioCode,
                row.bioCodeCiphertext() != null, row.configVersion(), row.createdAt(), row.updatedAt());
    }

    /** An enabled provider is useless without the identifier it is reached by. */
    private static MerchantRow requireIdentifiers(MerchantRow row) {
        Map<Provider, String> required = new LinkedHashMap<>();
        required.put(Provider.PAYPAY, row.paypayMerchantId() == null ? "paypayMerchantId" : null);
        required.put(Provider.LINEPAY, row.linepayMerchantId() == null ? "linepayMerchantId" : null);
        required.put(Provider.MIA_POS, row.miaIdno() == null ? "miaIdno" : null);
        required.put(Provider.VNPAY, row.vnpayTmnCode() == null ? "vnpayTmnCode" : null);
        required.put(Provider.MAGENSA, row.magensaCustomerCode() == null ? "magensaCustomerCode" : null);
        for (Provider provider : row.enabledProviders()) {
            String missing = required.get(provider);
            if (missing != null) {
                throw RegistryProblems.invalid("enabledProviders", provider + " needs " + missing);
            }
        }
        return row;
    }

    /** MobilePay enabled for the first time: the merchant gets its bioCode, generated here, never chosen by a user. */
    private MerchantRow withBioCodeIfNeeded(MerchantRow row) {
        if (row.enabledProviders().contains(Provider.MOBILEPAY) && row.bioCodeCiphertext() == null) {
            return withBioCode(row, Ids.random(BIO_CODE_LENGTH));
        }
        return row;
    }

    private MerchantRow withBioCode(MerchantRow row, String bioCode) {
        return new MerchantRow(row.id(), row.pspId(), row.name(), row.status(), row.contactPhone(),
                row.enabledProviders(), row.miaIdno(), cipher.encrypt(bioCode, SecretContexts.mobilePayBioCode(row.id())),
                row.vnpayTmnCode(), row.magensaCustomerCode(), row.paypayMerchantId(), row.linepayMerchantId(),
                row.configVersion(), row.createdAt(), row.updatedAt());
    }

    private static List<String> changedFields(MerchantRow a, MerchantRow b) {
        List<String> changed = new ArrayList<>();
        addIfDiffers(changed, "name", a.name(), b.name());
        addIfDiffers(changed, "status", a.status(), b.status());
        addIfDiffers(changed, "contactPhone", a.contactPhone(), b.contactPhone());
        addIfDiffers(changed, "enabledProviders", a.enabledProviders(), b.enabledProviders());
        addIfDiffers(changed, "miaIdno", a.miaIdno(), b.miaIdno());
        addIfDiffers(changed, "mobilepayBioCode", a.bioCodeCiphertext(), b.bioCodeCiphertext());
        addIfDiffers(changed, "vnpayTmnCode", a.vnpayTmnCode(), b.vnpayTmnCode());
        addIfDiffers(changed, "magensaCustomerCode", a.magensaCustomerCode(), b.magensaCustomerCode());
        addIfDiffers(changed, "paypayMerchantId", a.paypayMerchantId(), b.paypayMerchantId());
        addIfDiffers(changed, "linepayMerchantId", a.linepayMerchantId(), b.linepayMerchantId());
        return changed;
    }

    private static void addIfDiffers(List<String> changed, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changed.add(field);
        }
    }

    private static void addIfSet(List<String> fields, String field, Object value) {
        if (value != null) {
            fields.add(field);
        }
    }

    /** PATCH semantics of optional text: null keeps, empty clears, anything else replaces. */
    static String patch(String current, String requested) {
        if (requested == null) {
            return current;
        }
        return requested.isEmpty() ? null : requested;
    }

    private static Set<Provider> nonEmpty(Set<Provider> providers) {
        return providers.isEmpty() ? EnumSet.noneOf(Provider.class) : providers;
    }

    private static List<String> names(Set<Provider> providers) {
        return providers.stream().sorted().map(Provider::name).toList();
    }

    private static ApiException alreadyInUse(DuplicateKeyException ex) {
        String field = UNIQUE_FIELDS.entrySet().stream()
                .filter(entry -> Sql.violates(ex, entry.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse("identifier");
        return new ApiException(RegistryProblems.ALREADY_IN_USE,
                "Another merchant already uses this " + field + ".", Map.of("field", field));
    }
}
