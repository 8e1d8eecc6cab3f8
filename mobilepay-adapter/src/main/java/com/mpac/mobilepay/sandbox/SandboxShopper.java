package com.mpac.mobilepay.sandbox;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.mpac.contracts.id.Ids;
import com.mpac.mobilepay.payment.PaymentResponses.PaymentResponse;
import com.mpac.mobilepay.payment.PaymentService;
import com.mpac.mobilepay.payment.PaymentState;
import com.mpac.mobilepay.pos.Pos;
import com.mpac.mobilepay.pos.PosService;

/** What the shopper's MobilePay app (and MobilePay itself) does, acted out in the sandbox. */
@Service
class SandboxShopper {

    private final PosService pos;
    private final PaymentService payments;

    SandboxShopper(PosService pos, PaymentService payments) {
        this.pos = pos;
        this.payments = payments;
    }

    /** Checks the shopper in at the PoS (under its row lock); a waiting payment is paired with them. */
    @Transactional
    CheckInResponse checkIn(String posId, String customerId, String customerName) {
        Pos at = pos.livePosForShopper(posId);
        String customer = customerId == null || customerId.isBlank() ? Ids.next("cus") : customerId;
        String name = customerName == null || customerName.isBlank() ? "Sandbox Shopper" : customerName;
        if (customer.length() > 64 || name.length() > 100) {
            throw com.mpac.mobilepay.error.PosException.invalid("customerId (64) or customerName (100) is too long.");
        }
        pos.checkIn(at.posId(), customer, name);
        payments.pairOnCheckIn(at.posId(), customer);
        return new CheckInResponse(at.posId(), customer, name, true);
    }

    @Transactional
    CheckInResponse checkOut(String posId) {
        Pos at = pos.livePosForShopper(posId);
        pos.checkOut(at.posId());
        return new CheckInResponse(at.posId(), null, null, false);
    }

    @Transactional
    PaymentResponse act(String posId, PaymentState target) {
        Pos at = pos.livePosForShopper(posId);
        return payments.shopperAction(at.posId(), target);
    }

    record CheckInResponse(String posId, String customerId, String customerName, boolean checkedIn) {
    }
}
